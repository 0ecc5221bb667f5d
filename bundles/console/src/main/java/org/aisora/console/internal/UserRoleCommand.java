package org.aisora.console.internal;

import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Makes an account a user or an admin. */
@Service
@Command(scope = "aisora", name = "user-role", description = "Set an account's role (user or admin)")
public final class UserRoleCommand implements Action {
    @Reference
    AccountService accounts;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Argument(index = 1, name = "role", required = true, description = "user or admin")
    String role;

    @Override
    public Object execute() {
        AccountView account = accounts.setRole(email, role);
        System.out.println(account.email() + " is now " + account.role());
        return null;
    }
}
