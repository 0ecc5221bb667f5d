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

/** An operator grant of credits, recorded in the ledger through a payment processor that allows it. */
@Service
@Command(scope = "aisora", name = "credits-grant", description = "Grant credits to an account")
public final class CreditsGrantCommand implements Action {
    @Reference
    CreditService credits;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Argument(index = 1, name = "amount", required = true, description = "Credits to grant (1 to 1000000)")
    long amount;

    @Option(name = "--reason", description = "Why, shown in the account's history")
    String reason;

    @Option(name = "--processor", description = "Payment processor that records the grant")
    String processor = "manual";

    @Override
    public Object execute() {
        CreditSummary summary = credits.grant(email, amount, reason, processor);
        System.out.println("granted " + amount + " credits to " + email + "; balance " + summary.balance()
                + ", reserved " + summary.reserved());
        return null;
    }
}
