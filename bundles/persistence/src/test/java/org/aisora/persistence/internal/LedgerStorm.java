package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.GRANTS;
import static org.aisora.persistence.internal.Fixtures.REVENUE;
import static org.aisora.persistence.internal.Fixtures.available;
import static org.aisora.persistence.internal.Fixtures.held;
import static org.aisora.persistence.internal.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.aisora.api.store.LedgerStore;
import org.junit.jupiter.api.Test;

/**
 * The ledger under a storm: 32 threads × 2,000 random grants, holds, captures and releases on 8 shared
 * users, so every balance row is fought over. Holds that would overdraw are refused, replayed keys are
 * ignored, and two threads often settle the same job at once (capture and release share its key). Then
 * the ledger must agree with what the threads saw accepted, to the credit. Run once per database;
 * {@code -Daisora.ledgerStorm.threads} and {@code -Daisora.ledgerStorm.ops} resize it.
 */
abstract class LedgerStorm {
    private static final int THREADS = Integer.getInteger("aisora.ledgerStorm.threads", 32);
    private static final int OPS = Integer.getInteger("aisora.ledgerStorm.ops", 2000);
    private static final int USERS = 8;
    private static final long TIMEOUT_SECONDS = 300;

    abstract TestStores openStores();

    /** The size of the connection pool {@link #openStores()} gives (see TestDatabase). */
    abstract int connections();

    @Test
    void stormKeepsTheLedgerExact() throws Exception {
        try (TestStores stores = openStores()) {
            LedgerStore ledger = stores.ledger();
            List<String> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(id());
            }
            LedgerStormRun storm = new LedgerStormRun(ledger, users, connections());
            long start = System.nanoTime();
            LedgerStormRun.Tally tally = storm.run(THREADS, OPS, TIMEOUT_SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ledger storm on %s: %d threads x %d operations in %.1f s (%.0f operations/s): %s%n",
                    stores, THREADS, OPS, seconds, THREADS * OPS / seconds, tally);

            assertEquals(List.of(), ledger.audit());
            assertTrue(tally.refused > 0 && tally.replays > 0 && tally.lostRaces > 0, tally.toString());
            List<LedgerStormRun.Job> open = storm.openJobs();
            long grantedTotal = 0;
            long capturedTotal = 0;
            for (int u = 0; u < USERS; u++) {
                String user = users.get(u);
                long stillHeld = 0;
                for (LedgerStormRun.Job job : open) {
                    stillHeld += job.user() == u ? job.amount() : 0;
                }
                long avail = ledger.balance(available(user));
                long held = ledger.balance(held(user));
                assertTrue(avail >= 0 && held >= 0, user + ": " + avail + " available, " + held + " held");
                assertEquals(tally.granted[u] - tally.held[u] + tally.released[u], avail, "available of user " + u);
                assertEquals(tally.held[u] - tally.captured[u] - tally.released[u], held, "held of user " + u);
                assertEquals(stillHeld, held, "held of user " + u + " against its open jobs");
                assertEquals(tally.granted[u] - tally.captured[u], avail + held, "credits of user " + u);
                grantedTotal += tally.granted[u];
                capturedTotal += tally.captured[u];
            }
            assertEquals(-grantedTotal, ledger.balance(GRANTS));
            assertEquals(capturedTotal, ledger.balance(REVENUE));
            assertEquals(0, stores.queryLong("SELECT COALESCE(SUM(balance), 0) FROM ledger_balances"));
            assertEquals(0, stores.queryLong("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries"));
            // each job settled once; refused holds and ignored replays wrote nothing
            assertEquals(tally.settledJobs.size(), new HashSet<>(tally.settledJobs).size(), "a job settled twice");
            assertEquals(tally.grants, count(stores, "grant:%"));
            assertEquals(tally.holds, count(stores, "hold:%"));
            assertEquals(tally.settles, count(stores, "settle:%"));
            assertEquals(2L * (tally.grants + tally.holds + tally.settles),
                    stores.queryLong("SELECT COUNT(*) FROM ledger_entries"));

            for (LedgerStormRun.Job job : open) {
                assertTrue(ledger.post(LedgerStormRun.release(job, storm.user(job.user()))), job.id());
            }
            for (int u = 0; u < USERS; u++) {
                assertEquals(0, ledger.balance(held(users.get(u))), "held of user " + u + " after every job settled");
                assertEquals(tally.granted[u] - tally.captured[u], ledger.balance(available(users.get(u))));
            }
            assertEquals(List.of(), ledger.audit());
        }
    }

    private static long count(TestStores stores, String keyPattern) {
        return stores.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key LIKE ?", keyPattern);
    }
}
