package org.aisora.console.internal;

import org.aisora.api.service.BillingService;
import org.aisora.api.service.SubscriptionView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Confirms a local checkout of the manual processor: the pack's credits or the plan are applied once. */
@Service
@Command(scope = "aisora", name = "checkout-confirm",
        description = "Confirm a manual checkout (payment received outside the platform) by its session id")
public final class CheckoutConfirmCommand implements Action {
    @Reference
    BillingService billing;

    @Argument(index = 0, name = "session", required = true, description = "The session id (manual_...) the user got")
    String session;

    @Override
    public Object execute() {
        SubscriptionView after = billing.confirmCheckout(session);
        System.out.println("confirmed " + session + " for account " + after.accountId() + "; plan " + after.plan());
        return null;
    }
}
