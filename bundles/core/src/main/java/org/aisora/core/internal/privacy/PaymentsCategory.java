package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.api.store.PaymentEventRecord;

/**
 * {@code payments.json}: subscription, checkouts and applied payment events (ids, products, plans, dates; never
 * card data). The law keeps payment records: erasure pseudonymises them instead of deleting them.
 */
final class PaymentsCategory implements PersonalDataCategory {
    private final BillingStore billing;

    PaymentsCategory(BillingStore billing) {
        this.billing = billing;
    }

    @Override
    public String name() {
        return "payments";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        Object subscription = billing.subscription(accountId).map(s -> Rows.of().put("processor", s.processor())
                .put("subscriptionId", s.subscriptionId()).put("plan", s.plan()).put("status", s.status())
                .put("periodEnd", s.periodEnd()).put("updatedAt", s.updatedAt()).map()).orElse(null);
        List<Object> checkouts = billing.checkouts(accountId).stream().map(PaymentsCategory::checkout).toList();
        List<Object> events = billing.events(accountId).stream().map(PaymentsCategory::event).toList();
        sink.json("payments.json", Rows.of().put("subscription", subscription).put("checkouts", checkouts)
                .put("events", events).map());
    }

    private static Object checkout(CheckoutRecord c) {
        return Rows.of().put("processor", c.processor()).put("product", c.productId()).put("sessionId", c.sessionId())
                .put("createdAt", c.createdAt()).map();
    }

    private static Object event(PaymentEventRecord e) {
        return Rows.of().put("processor", e.processor()).put("eventId", e.eventId()).put("type", e.type())
                .put("objectId", e.objectId()).put("receivedAt", e.receivedAt()).map();
    }

    /** @return checkouts, payment events and subscriptions pseudonymised (0 on a re-run: they no longer match) */
    @Override
    public long erase(String accountId, ErasureContext context) {
        long records = billing.checkouts(accountId).size() + billing.events(accountId).size()
                + (billing.subscription(accountId).isPresent() ? 1 : 0);
        context.detail("payments.checkouts", billing.checkouts(accountId).size());
        context.detail("payments.events", billing.events(accountId).size());
        billing.pseudonymise(accountId, context.pseudonym());
        return records;
    }
}
