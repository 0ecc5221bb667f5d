package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingClosureRecord.Status;
import org.aisora.api.store.BillingClosureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The billing closure queue on a real database: idempotent enqueue, leased claims (a batch or one row by id). */
abstract class BillingClosureStoreContract {
    private TestStores stores;
    private BillingClosureStore queue;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract TestStores open();

    @BeforeEach
    void boot() {
        stores = open(); // a database per test: claims see every due row, so tests must not share one
        queue = stores.billingClosures();
    }

    @AfterEach
    void shutdown() throws Exception {
        stores.close();
    }

    private BillingClosureRecord row(String customer) {
        return BillingClosureRecord.queued(UUID.randomUUID().toString(), "stripe", customer, t0);
    }

    @Test
    void enqueueIsIdempotentPerProcessorAndCustomer() {
        BillingClosureRecord first = queue.enqueue(row("cus_1"));
        assertEquals(first.id(), queue.enqueue(row("cus_1")).id(), "the row queued first answers");
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM billing_closures WHERE customer_id = ?", "cus_1"));
        queue.enqueue(BillingClosureRecord.queued(UUID.randomUUID().toString(), "paddle", "cus_1", t0));
        assertEquals(2, stores.queryLong("SELECT COUNT(*) FROM billing_closures WHERE customer_id = ?", "cus_1"));
        assertEquals(first, queue.find("stripe", "cus_1").orElseThrow());
        assertEquals(Optional.empty(), queue.find("stripe", "cus_2"));
    }

    @Test
    void aClaimByIdIsALeaseThatOnlyItsNodeSettles() {
        String id = queue.enqueue(row("cus_l")).id();
        BillingClosureRecord mine = queue.claim(id, "node-a", t0.plusSeconds(1), t0.plusSeconds(60)).orElseThrow();
        assertEquals(1, mine.attempts());
        assertEquals(Optional.empty(), queue.claim(id, "node-b", t0.plusSeconds(30), t0.plusSeconds(90)), "lease runs");
        assertEquals(List.of(), queue.claim("node-b", t0.plusSeconds(30), t0.plusSeconds(90), 10));
        assertFalse(queue.markDone(id, "node-b", 1, true, t0.plusSeconds(30)), "only the owner settles a row");

        BillingClosureRecord taken = queue.claim("node-b", t0.plusSeconds(60), t0.plusSeconds(120), 10).get(0);
        assertEquals(2, taken.attempts(), "a lease that ran out is taken over");
        assertFalse(queue.markDone(id, "node-a", 1, true, t0.plusSeconds(61)), "the old owner lost it");
        assertTrue(queue.markDone(id, "node-b", 2, true, t0.plusSeconds(62)));
        BillingClosureRecord done = queue.find("stripe", "cus_l").orElseThrow();
        assertEquals(List.of(Status.DONE, 2, true, t0.plusSeconds(62)),
                List.of(done.status(), done.subscriptionsCanceled(), done.customerDeleted(), done.updatedAt()));
        assertEquals(Optional.empty(), queue.claim(id, "node-c", t0.plusSeconds(99999), t0.plusSeconds(999999)));
    }

    @Test
    void retriesWaitForTheirTimePostponingDoesNotCountAndFailuresStay() {
        String id = queue.enqueue(row("cus_r")).id();
        queue.claim("n", t0, t0.plusSeconds(60), 10);
        assertTrue(queue.retryLater(id, "n", t0.plusSeconds(300), "processor_unavailable", t0.plusSeconds(1)));
        assertEquals(Optional.empty(), queue.claim(id, "n", t0.plusSeconds(299), t0.plusSeconds(400)));
        BillingClosureRecord again = queue.claim(id, "n", t0.plusSeconds(300), t0.plusSeconds(400)).orElseThrow();
        assertEquals(List.of("processor_unavailable", 2), List.of(again.lastError(), again.attempts()));
        assertTrue(queue.postpone(id, "n", t0.plusSeconds(500), "processor_not_installed", t0.plusSeconds(301)));
        BillingClosureRecord postponed = queue.find("stripe", "cus_r").orElseThrow();
        assertEquals(List.of(1, t0.plusSeconds(500)), List.of(postponed.attempts(), postponed.nextAttemptAt()),
                "nothing was asked of the processor");
        queue.claim("n", t0.plusSeconds(500), t0.plusSeconds(600), 10);
        assertTrue(queue.markFailed(id, "n", "unsupported", t0.plusSeconds(501)));
        assertFalse(queue.markDone(id, "n", 0, false, t0.plusSeconds(502)), "failed is final");
        assertEquals(List.of(), queue.claim("n", t0.plusSeconds(99999), t0.plusSeconds(999999), 10));
        BillingClosureRecord failed = queue.find("stripe", "cus_r").orElseThrow();
        assertEquals(List.of(Status.FAILED, 2, "unsupported"), List.of(failed.status(), failed.attempts(),
                failed.lastError()));
        assertEquals(Map.of(Status.PENDING, 0L, Status.DONE, 0L, Status.FAILED, 1L), queue.countByStatus());
    }

    @Test
    void twoNodesClaimingOneRowByIdAtOnceOneWins() throws Exception {
        String id = queue.enqueue(row("cus_race")).id();
        TestStores other = stores.node();
        try {
            AtomicInteger won = new AtomicInteger();
            Race.each(8, t -> {
                BillingClosureStore node = t % 2 == 0 ? queue : other.billingClosures();
                return () -> {
                    if (node.claim(id, "node-" + t, t0, t0.plusSeconds(600)).isPresent()) {
                        won.incrementAndGet();
                    }
                    return null;
                };
            });
            assertEquals(1, won.get());
            assertEquals(1, queue.find("stripe", "cus_race").orElseThrow().attempts());
        } finally {
            other.close();
        }
    }
}
