package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.OutboxMessage;
import org.aisora.api.store.OutboxStore;
import org.aisora.api.store.PolicyAcceptanceRecord;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.PolicyVersionRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The outbox's claims and leases, policy versions and acceptances, on a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NoticeStoreContract {
    private TestStores stores;
    private OutboxStore outbox;
    private PolicyStore policies;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract TestStores open();

    @BeforeAll
    void boot() {
        stores = open();
        outbox = stores.outbox();
        policies = stores.policies();
    }

    @AfterAll
    void shutdown() throws Exception {
        stores.close();
    }

    private OutboxMessage message(String key) {
        return OutboxMessage.queued(UUID.randomUUID().toString(), key, null, "x@example.org", "s", "b", t0);
    }

    private long count(String where, Object... args) {
        return stores.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE " + where, args);
    }

    @Test
    void aDedupeKeyQueuesOnce() {
        String key = "k:" + UUID.randomUUID();
        assertTrue(outbox.enqueue(message(key)));
        assertFalse(outbox.enqueue(message(key)));
        assertEquals(1, count("dedupe_key = ?", key));
    }

    @Test
    void aLeasedRowBelongsToItsNodeUntilTheLeaseExpires() {
        String key = "lease:" + UUID.randomUUID();
        outbox.enqueue(message(key));
        List<OutboxMessage> mine = claimKey("node-a", t0.plusSeconds(1), t0.plusSeconds(60), key);
        assertEquals(1, mine.size());
        assertEquals(1, mine.get(0).attempts());
        String id = mine.get(0).id();

        assertEquals(List.of(), claimKey("node-b", t0.plusSeconds(30), t0.plusSeconds(90), key), "lease still runs");
        assertFalse(outbox.markSent(id, "node-b", t0), "only the owner settles a row");

        List<OutboxMessage> taken = claimKey("node-b", t0.plusSeconds(61), t0.plusSeconds(120), key);
        assertEquals(1, taken.size(), "an expired lease is taken over");
        assertEquals(2, taken.get(0).attempts());
        assertFalse(outbox.markSent(id, "node-a", t0.plusSeconds(62)), "the old owner lost it");
        assertTrue(outbox.markSent(id, "node-b", t0.plusSeconds(62)));
        assertEquals(List.of(), claimKey("node-c", t0.plusSeconds(9999), t0.plusSeconds(99999), key), "sent stays sent");
        assertEquals(1, count("id = ? AND status = 'sent' AND body = ''", id),
                "a sent message keeps no body (it may have held a one-time code)");
    }

    @Test
    void retriesWaitForTheirTimeFailuresStayAndAReleaseDoesNotCountAnAttempt() {
        String key = "retry:" + UUID.randomUUID();
        outbox.enqueue(message(key));
        String id = claimKey("n", t0.plusSeconds(1), t0.plusSeconds(60), key).get(0).id();
        assertTrue(outbox.retryLater(id, "n", t0.plusSeconds(300), "IOException: refused"));
        assertEquals(List.of(), claimKey("n", t0.plusSeconds(299), t0.plusSeconds(400), key));
        OutboxMessage again = claimKey("n", t0.plusSeconds(300), t0.plusSeconds(400), key).get(0);
        assertEquals("IOException: refused", again.lastError());
        assertEquals(2, again.attempts());
        assertTrue(outbox.release(id, "n"));
        assertEquals(1, count("id = ? AND status = 'queued' AND attempts = 1", id));
        claimKey("n", t0.plusSeconds(301), t0.plusSeconds(400), key);
        assertTrue(outbox.markFailed(id, "n", "gave up"));
        assertEquals(List.of(), claimKey("n", t0.plusSeconds(99999), t0.plusSeconds(999999), key));
        assertEquals(1, count("id = ? AND status = 'failed'", id));
    }

    /** Claims only the test's own row (other tests' rows share the table). */
    private List<OutboxMessage> claimKey(String node, Instant now, Instant until, String key) {
        List<OutboxMessage> out = new ArrayList<>();
        for (OutboxMessage m : outbox.claim(node, now, until, 1000)) {
            if (m.dedupeKey().equals(key)) {
                out.add(m);
            } else {
                outbox.release(m.id(), node);
            }
        }
        return out;
    }

    @Test
    void concurrentNodesNeverClaimTheSameRow() throws Exception {
        String prefix = "storm:" + UUID.randomUUID() + ":";
        for (int i = 0; i < 300; i++) {
            outbox.enqueue(message(prefix + i));
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String node = "node-" + t;
                runs.add(pool.submit(() -> {
                    for (List<OutboxMessage> batch = outbox.claim(node, t0, t0.plusSeconds(600), 7); !batch.isEmpty();
                         batch = outbox.claim(node, t0, t0.plusSeconds(600), 7)) {
                        for (OutboxMessage m : batch) {
                            if (!claimed.add(m.id())) {
                                duplicates.incrementAndGet();
                            }
                            assertTrue(outbox.markSent(m.id(), node, t0));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get());
        assertEquals(300, count("dedupe_key LIKE ? AND status = 'sent'", prefix + "%"));
    }

    @Test
    void aPolicyTextComesBackIdenticalAndADuplicateVersionChangesNothing() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 3999) {
            text.append('a');
        }
        text.append("😀"); // a surrogate pair across the first chunk boundary
        for (int i = 0; i < 2000; i++) {
            text.append("Zeile ").append(i).append(" — ü\n");
        }
        String version = "v-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(policies.publish(new PolicyVersionRecord(version, t0, "abc", text.toString(), "sum")));
        assertFalse(policies.publish(new PolicyVersionRecord(version, t0.plusSeconds(5), "def", "other", "x")));
        PolicyVersionRecord back = policies.find(version).orElseThrow();
        assertEquals(text.toString(), back.text());
        assertEquals("abc", back.sha256());
        assertEquals(t0, back.publishedAt());

        String newer = "w-" + UUID.randomUUID().toString().substring(0, 8);
        policies.publish(new PolicyVersionRecord(newer, Instant.now().plus(Duration.ofDays(3650)), "h", "t", null));
        assertEquals(newer, policies.latest().orElseThrow().version());
        assertEquals(null, policies.latest().orElseThrow().summary());
    }

    @Test
    void acceptancesAreOncePerVersionAndGoWithTheAccount() {
        String account = UUID.randomUUID().toString();
        assertTrue(policies.accept(new PolicyAcceptanceRecord(account, "1", t0, "203.0.113.1")));
        assertFalse(policies.accept(new PolicyAcceptanceRecord(account, "1", t0.plusSeconds(9), null)));
        assertTrue(policies.accept(new PolicyAcceptanceRecord(account, "2", t0.plusSeconds(10), null)));
        assertEquals(List.of(new PolicyAcceptanceRecord(account, "1", t0, "203.0.113.1"),
                new PolicyAcceptanceRecord(account, "2", t0.plusSeconds(10), null)), policies.byAccount(account));
        assertEquals(2, policies.deleteByAccount(account));
        assertEquals(List.of(), policies.byAccount(account));
    }

    @Test
    void accountsPageByIdWithoutGapsOrRepeats() {
        Set<String> inserted = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            String id = UUID.randomUUID().toString();
            stores.accounts().insert(new AccountRecord(id, "p" + id + "@example.org", "P", null, "h",
                    1990, "user", "free", "1", t0));
            inserted.add(id);
        }
        Set<String> seen = new HashSet<>();
        String after = null;
        for (List<AccountRecord> page = stores.accounts().listAfterId(null, 4); !page.isEmpty();
             page = stores.accounts().listAfterId(after, 4)) {
            for (AccountRecord a : page) {
                assertTrue(seen.add(a.id()), "no repeats");
                assertTrue(after == null || a.id().compareTo(after) > 0);
            }
            after = page.get(page.size() - 1).id();
        }
        assertTrue(seen.containsAll(inserted));
    }
}
