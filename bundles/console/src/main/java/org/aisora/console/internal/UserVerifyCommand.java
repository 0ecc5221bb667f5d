package org.aisora.console.internal;

import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.EmailVerificationService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Verifies an account's e-mail address by hand (closed deployments, or no notifier to mail the code): the account
 * may then generate, upload and buy, and gets its sign-up credit grant, once.
 */
@Service
@Command(scope = "aisora", name = "user-verify", description = "Verify an account's e-mail address by hand"
        + " (posts the sign-up credit grant once)")
public final class UserVerifyCommand implements Action {
    @Reference
    AccountService accounts;

    @Reference
    EmailVerificationService verifications;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Override
    public Object execute() {
        boolean before = accounts.findByEmail(email).emailVerified();
        AccountView account = verifications.verifyByOperator(email);
        System.out.println(describe(account, before));
        return null;
    }

    static String describe(AccountView account, boolean verifiedBefore) {
        return verifiedBefore ? account.email() + " was verified already: nothing changed"
                : account.email() + " is verified: it may generate, upload and buy, and got its sign-up grant";
    }
}
