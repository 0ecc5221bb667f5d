package org.aisora.console.internal;

import java.util.List;
import java.util.Map;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.VendorDeletionService;
import org.aisora.api.service.VendorDeletionView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** The vendor deletion queue: rows per status, then what is pending and what failed (or one status's rows). */
@Service
@Command(scope = "aisora", name = "vendor-deletions",
        description = "Show vendor task deletions: counts per status, pending and failed rows")
public final class VendorDeletionsCommand implements Action {
    @Reference
    VendorDeletionService deletions;

    @Option(name = "--status", description = "Only rows in this status: pending, failed, deleted or not_supported")
    String status;

    @Option(name = "--limit", description = "Rows shown per status, most recently changed first (default 20)")
    int limit = 20;

    @Option(name = "--run", description = "Run one pass of the queue now, before showing it")
    boolean run;

    @Override
    public Object execute() {
        if (limit < 1 || limit > 1000) {
            System.err.println("--limit must be between 1 and 1000");
            return null;
        }
        if (run) {
            System.out.println("tried " + deletions.runNow() + " row(s)");
        }
        Map<String, Long> counts = deletions.counts();
        System.out.println(summary(counts));
        try {
            for (String s : status == null ? List.of("pending", "failed") : List.of(status)) {
                System.out.println();
                System.out.println(s + ":");
                table(deletions.list(s, limit)).print(System.out);
            }
        } catch (AisoraException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }

    static String summary(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((s, n) -> out.append(out.length() == 0 ? "" : ", ").append(s).append(' ').append(n));
        return out.toString();
    }

    static ShellTable table(List<VendorDeletionView> rows) {
        ShellTable table = new ShellTable();
        table.column("Provider");
        table.column("Vendor");
        table.column("Vendor task");
        table.column("Reason");
        table.column("Attempts").alignRight();
        table.column("Next attempt");
        table.column("Last error");
        table.column("Vendor retention");
        table.column("Updated");
        for (VendorDeletionView r : rows) {
            boolean open = "pending".equals(r.status());
            table.addRow().addContent(r.provider(), r.vendor(), r.vendorTaskId(), r.reason(), r.attempts(),
                    open ? r.nextAttemptAt() : "", r.lastError() == null ? "" : r.lastError(),
                    r.vendorRetention() == null ? "" : r.vendorRetention(), r.updatedAt());
        }
        return table;
    }
}
