package org.aisora.console.internal;

import org.aisora.api.service.PrivacyService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Purges an account found to belong to someone under the minimum age: the deletion, with that reason. */
@Service
@Command(scope = "aisora", name = "user-flag-minor", description = "Purge an account found to be under 13"
        + " (the account deletion, reason under_minimum_age in the receipt)")
public final class UserFlagMinorCommand implements Action {
    @Reference
    PrivacyService privacy;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Override
    public Object execute() {
        ReceiptPrinter.print(privacy.deleteByEmail(email, PrivacyService.Reason.UNDER_MINIMUM_AGE), System.out);
        return null;
    }
}
