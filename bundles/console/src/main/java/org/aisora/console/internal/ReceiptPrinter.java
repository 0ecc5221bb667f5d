package org.aisora.console.internal;

import java.io.PrintStream;
import org.aisora.api.service.DeletionReceiptView;
import org.apache.karaf.shell.support.table.ShellTable;

/** How the deletion commands show a receipt. */
final class ReceiptPrinter {
    private ReceiptPrinter() {
    }

    static void print(DeletionReceiptView r, PrintStream out) {
        out.println("deleted (" + r.reason() + "), receipt " + r.id());
        out.println("  hash " + r.hash() + " (previous " + r.prevHash() + ")");
        out.println("  retrievable at /api/v1/deletion-receipts/" + r.id() + " until " + r.expiresAt());
        ShellTable table = new ShellTable();
        table.column("What");
        table.column("Count").alignRight();
        r.counts().forEach((k, v) -> table.addRow().addContent(k, v));
        r.thirdParties().forEach(t -> table.addRow().addContent(
                "third party " + t.provider() + " (" + t.vendor() + "): " + t.status(), t.tasks()));
        table.print(out);
    }
}
