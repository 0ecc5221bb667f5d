package org.aisora.console.internal;

import org.aisora.api.service.CreditService;
import org.aisora.api.service.CreditSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Corrects an account's credits with a new ledger entry (kind adjustment); nothing is ever edited. */
@Service
@Command(scope = "aisora", name = "credits-adjust",
        description = "Correct an account's credits: a new adjustment entry, positive or negative, with a reason")
public final class CreditsAdjustCommand implements Action {
    @Reference
    CreditService credits;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Argument(index = 1, name = "amount", required = true, description = "Credits to add (or, negative, to take back)")
    long amount;

    @Option(name = "--reason", required = true, description = "Why, shown in the account's history")
    String reason;

    @Override
    public Object execute() {
        CreditSummary summary = credits.adjust(email, amount, reason);
        System.out.println("adjusted " + email + " by " + amount + " credits; balance " + summary.balance()
                + ", reserved " + summary.reserved());
        return null;
    }
}
