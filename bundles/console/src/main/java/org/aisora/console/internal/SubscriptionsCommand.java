package org.aisora.console.internal;

import org.aisora.api.service.BillingService;
import org.aisora.api.service.SubscriptionView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Subscriptions by most recent change: account, plan, status, processor, period end. */
@Service
@Command(scope = "aisora", name = "subscriptions", description = "List subscriptions, most recently changed first")
public final class SubscriptionsCommand implements Action {
    @Reference
    BillingService billing;

    @Option(name = "--limit", description = "Rows to show")
    int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Account");
        table.column("Plan");
        table.column("Status");
        table.column("Processor");
        table.column("Period end");
        for (SubscriptionView s : billing.subscriptions(limit)) {
            table.addRow().addContent(s.accountId(), s.plan(), s.status(), s.processor(), s.periodEnd());
        }
        table.print(System.out);
        return null;
    }
}
