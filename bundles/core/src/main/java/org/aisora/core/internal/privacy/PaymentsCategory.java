package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.core.internal.billingclosure.BillingClosures;

/**
 * {@code payments.json}: subscription, checkouts, applied payment events and disputes (ids, products, plans,
 * states, dates; never card data). The law keeps payment records: erasure pseudonymises them instead of deleting them. Erasure also
 * ends billing: each processor customer of the account goes into the billing closure queue (before the rows
 * that name it are pseudonymised), which cancels its subscriptions and deletes the customer at the processor,
 * retrying until it is done; it is tried once at once, and the receipt says what is true when it is written:
 * {@code done} (with the subscriptions canceled) or {@code queued}.
 */
final class PaymentsCategory implements PersonalDataCategory {
    static final String BILLING = "billing";
    static final String QUEUED = "queued";

    private final BillingStore billing;
    /** Null when the platform runs without the queue (some tests): erasure then only pseudonymises. */
    private final BillingClosures closures;

    PaymentsCategory(BillingStore billing, BillingClosures closures) {
        this.billing = billing;
        this.closures = closures;
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
        List<Object> disputes = billing.disputes(accountId).stream().map(d -> (Object) Rows.of()
                .put("processor", d.processor()).put("disputeId", d.disputeId()).put("state", d.state().code())
                .put("held", d.held()).put("updatedAt", d.updatedAt()).map()).toList();
        sink.json("payments.json", Rows.of().put("subscription", subscription).put("checkouts", checkouts)
                .put("events", events).put("disputes", disputes).map());
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
        if (closures != null) {
            billing.customers(accountId).forEach((processor, customer) -> closeBilling(processor, customer, context));
        }
        billing.pseudonymise(accountId, context.pseudonym());
        return records;
    }

    /** Receipt lines carry the processor, a status and counts: never the customer id. */
    private void closeBilling(String processor, String customer, ErasureContext context) {
        BillingClosureRecord row = closures.queue(processor, customer);
        if (row.status() == BillingClosureRecord.Status.PENDING) {
            row = closures.tryNow(row);
        }
        String status = row.status() == BillingClosureRecord.Status.PENDING ? QUEUED : row.status().code();
        context.thirdParty(new ThirdPartyDeletion(processor, BILLING, status, 1));
        context.detail("payments.billing_" + status, 1);
        if (row.status() == BillingClosureRecord.Status.DONE) {
            context.detail("payments.subscriptions_canceled", row.subscriptionsCanceled());
            context.detail("payments.customers_deleted", row.customerDeleted() ? 1 : 0);
        }
    }
}
