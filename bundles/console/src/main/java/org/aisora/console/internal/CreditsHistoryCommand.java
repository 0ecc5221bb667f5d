package org.aisora.console.internal;

import org.aisora.api.service.CreditEntryView;
import org.aisora.api.service.CreditService;
import org.aisora.api.service.CreditSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** An account's balance and ledger entries, newest first. */
@Service
@Command(scope = "aisora", name = "credits-history", description = "Show an account's credit balance and history")
public final class CreditsHistoryCommand implements Action {
    @Reference
    CreditService credits;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Option(name = "--limit", description = "Entries to show (1 to 200)")
    int limit = 20;

    @Override
    public Object execute() {
        CreditSummary summary = credits.history(email, 0, limit);
        System.out.println(email + ": balance " + summary.balance() + ", reserved " + summary.reserved());
        ShellTable table = new ShellTable();
        table.column("When");
        table.column("Kind");
        table.column("Bucket");
        table.column("Amount");
        table.column("Memo");
        for (CreditEntryView e : summary.entries()) {
            table.addRow().addContent(e.createdAt(), e.kind(), e.bucket(), e.amount(), e.memo());
        }
        table.print(System.out);
        return null;
    }
}
