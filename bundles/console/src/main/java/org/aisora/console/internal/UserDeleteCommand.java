package org.aisora.console.internal;

import org.aisora.api.service.PrivacyService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes an account with a receipt; also finishes a deletion that was interrupted. */
@Service
@Command(scope = "aisora", name = "user-delete", description = "Delete an account and its data (prints the receipt);"
        + " run it again to finish an interrupted deletion")
public final class UserDeleteCommand implements Action {
    @Reference
    PrivacyService privacy;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Override
    public Object execute() {
        ReceiptPrinter.print(privacy.deleteByEmail(email, PrivacyService.Reason.ADMIN_REQUEST), System.out);
        return null;
    }
}
