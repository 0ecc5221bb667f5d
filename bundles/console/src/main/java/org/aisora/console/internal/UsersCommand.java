package org.aisora.console.internal;

import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Accounts, oldest first. */
@Service
@Command(scope = "aisora", name = "users", description = "List accounts")
public final class UsersCommand implements Action {
    @Reference
    AccountService accounts;

    @Option(name = "--offset", description = "Skip this many accounts")
    int offset;

    @Option(name = "--limit", description = "Show at most this many accounts")
    int limit = 100;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Email");
        table.column("Name");
        table.column("Role");
        table.column("Plan");
        table.column("Created");
        for (AccountView a : accounts.list(offset, limit)) {
            table.addRow().addContent(a.email(), a.name(), a.role(), a.plan(), a.createdAt());
        }
        table.print(System.out);
        return null;
    }
}
