package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.instant;
import static org.aisora.persistence.internal.Rows.string;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingClosureRecord.Status;
import org.aisora.api.store.BillingClosureStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The billing closure queue in plain SQL (see V20__disputes_billing_closures.sql), claimed under a lease as
 * every {@link LeasedQueueTable} is, while the processor is called.
 */
@Component(service = BillingClosureStore.class)
public final class JpaBillingClosureStore implements BillingClosureStore {
    private static final String COLUMNS = "id, processor, customer_id, idempotency_key, status, attempts,"
            + " next_attempt_at, last_error, subscriptions_canceled, customer_deleted, created_at, updated_at";

    private final LeasedQueueTable<BillingClosureRecord> table;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaBillingClosureStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                  @Reference(name = "schema") SchemaReady schema) {
        this.table = new LeasedQueueTable<>(emf, "billing_closures", COLUMNS, JpaBillingClosureStore::row);
    }

    @Override
    public BillingClosureRecord enqueue(BillingClosureRecord row) {
        return table.enqueue(row, () -> find(row.processor(), row.customerId()),
                "?, ?, ?, ?, ?, 0, ?, NULL, 0, ?, ?, ?", row.id(), row.processor(), row.customerId(),
                row.idempotencyKey(), row.status().code(), row.nextAttemptAt().toEpochMilli(), false,
                row.createdAt().toEpochMilli(), row.updatedAt().toEpochMilli());
    }

    @Override
    public List<BillingClosureRecord> claim(String node, Instant now, Instant leaseUntil, int limit) {
        return table.claim(node, now, leaseUntil, limit);
    }

    @Override
    public Optional<BillingClosureRecord> claim(String id, String node, Instant now, Instant leaseUntil) {
        return table.claim(id, node, now, leaseUntil);
    }

    @Override
    public boolean markDone(String id, String node, int subscriptionsCanceled, boolean customerDeleted, Instant at) {
        return table.transition(id, node, "status = 'done', last_error = NULL, subscriptions_canceled ="
                + " subscriptions_canceled + ?, customer_deleted = ?", at, subscriptionsCanceled, customerDeleted);
    }

    @Override
    public boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return table.retryLater(id, node, nextAttemptAt, errorCode, at);
    }

    @Override
    public boolean markFailed(String id, String node, String errorCode, Instant at) {
        return table.markFailed(id, node, errorCode, at);
    }

    @Override
    public boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return table.postpone(id, node, nextAttemptAt, errorCode, at);
    }

    @Override
    public Optional<BillingClosureRecord> find(String processor, String customerId) {
        return table.find("processor = ? AND customer_id = ?", 0, processor, customerId).stream().findFirst();
    }

    @Override
    public Map<Status, Long> countByStatus() {
        return table.countByStatus(Status.class, Status::of);
    }

    private static BillingClosureRecord row(Object[] r) {
        return new BillingClosureRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                Status.of(string(r[4])), Rows.integer(r[5]), instant(r[6]), string(r[7]), Rows.integer(r[8]),
                bool(r[9]), instant(r[10]), instant(r[11]));
    }

    private static boolean bool(Object o) {
        return o instanceof Boolean b ? b : o instanceof Number n && n.intValue() != 0;
    }
}
