package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.aisora.persistence.internal.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.aisora.api.store.ApiTokenRecord;
import org.aisora.api.store.AuditRecord;
import org.aisora.api.store.DeviceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the API-token, audit and device stores promise, run once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityStoreContract {
    private TestStores stores;

    abstract TestStores open();

    @BeforeAll
    void boot() {
        stores = open();
    }

    @AfterAll
    void shutdown() throws Exception {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void apiTokensAreFoundByHashListedPerAccountAndDeletedOnlyByTheirOwner() {
        String alice = id();
        String bob = id();
        ApiTokenRecord first = token(alice, "ci", T0);
        ApiTokenRecord second = token(alice, "laptop", T0.plusSeconds(60));
        ApiTokenRecord bobs = token(bob, "ci", T0);
        List.of(first, second, bobs).forEach(stores.apiTokens()::insert);

        assertEquals(first, stores.apiTokens().findByTokenHash(first.tokenHash()).orElseThrow());
        assertEquals(List.of(second, first), stores.apiTokens().byAccount(alice));
        assertEquals(2, stores.apiTokens().countByAccount(alice));

        assertFalse(stores.apiTokens().delete(bob, first.id()), "bob cannot delete alice's token");
        assertTrue(stores.apiTokens().findByTokenHash(first.tokenHash()).isPresent());
        assertTrue(stores.apiTokens().delete(alice, first.id()));
        assertFalse(stores.apiTokens().delete(alice, first.id()), "a second delete finds nothing");
        assertTrue(stores.apiTokens().findByTokenHash(first.tokenHash()).isEmpty());

        assertEquals(1, stores.apiTokens().deleteByAccount(alice));
        assertEquals(List.of(), stores.apiTokens().byAccount(alice));
        assertEquals(List.of(bobs), stores.apiTokens().byAccount(bob));
    }

    @Test
    void auditRowsArePagedNewestFirstFoundByActorOrSubjectAndErased() {
        String carol = id();
        String other = id();
        AuditRecord login = audit(carol, "login", null, T0);
        AuditRecord failed = audit(null, "login_failed", carol, T0.plusSeconds(1));
        AuditRecord unrelated = audit(other, "login", null, T0.plusSeconds(2));
        AuditRecord expired = new AuditRecord(id(), other, "logout", null, "10.0.0.9", null, null, T0.plusSeconds(3),
                T0.plusSeconds(4));
        List.of(login, failed, unrelated, expired).forEach(stores.audit()::insert);

        assertEquals(List.of(login, failed), stores.audit().byAccount(carol));
        List<AuditRecord> page = stores.audit().recent(1, 2);
        assertEquals(2, page.size());
        assertTrue(page.get(0).createdAt().isAfter(page.get(1).createdAt()) || page.get(0).equals(page.get(1)));

        assertEquals(1, stores.audit().deleteExpired(T0.plusSeconds(4)));
        assertEquals(2, stores.audit().deleteByAccount(carol));
        assertEquals(List.of(), stores.audit().byAccount(carol));
        assertEquals(List.of(unrelated), stores.audit().byAccount(other));
    }

    @Test
    void aDeviceIsOneRowPerAccountIpBrowserAndOsAndItsTimesOnlyMoveForward() {
        String dave = id();
        Instant exp = T0.plus(Duration.ofDays(7));
        DeviceRecord first = stores.devices().upsert(dave, "192.0.2.1", "Firefox", "Linux", T0, exp);
        assertEquals(T0, first.firstSeen());
        assertEquals(T0, first.lastSeen());

        DeviceRecord later = stores.devices().upsert(dave, "192.0.2.1", "Firefox", "Linux", T0.plusSeconds(3600),
                exp.plusSeconds(3600));
        assertEquals(first.id(), later.id());
        assertEquals(T0, later.firstSeen());
        assertEquals(T0.plusSeconds(3600), later.lastSeen());
        assertEquals(exp.plusSeconds(3600), later.expiresAt());

        DeviceRecord stale = stores.devices().upsert(dave, "192.0.2.1", "Firefox", "Linux", T0, exp);
        assertEquals(T0.plusSeconds(3600), stale.lastSeen(), "a late touch does not move last_seen back");

        stores.devices().upsert(dave, "192.0.2.1", "Chrome", "Windows", T0.plusSeconds(10), exp);
        List<DeviceRecord> all = stores.devices().byAccount(dave);
        assertEquals(2, all.size());
        assertEquals("Firefox", all.get(0).browser(), "most recently seen first");
        assertEquals(2, stores.queryLong("SELECT COUNT(*) FROM devices WHERE account_id = ?", dave));

        assertEquals(1, stores.devices().deleteExpired(exp));
        assertEquals(1, stores.devices().deleteByAccount(dave));
        assertEquals(List.of(), stores.devices().byAccount(dave));
    }

    @Test
    void concurrentFirstSightingsOfOneDeviceMakeOneRow() throws Exception {
        String erin = id();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<String> ids = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                long at = i;
                pool.submit(() -> {
                    start.await();
                    ids.add(stores.devices().upsert(erin, "2001:db8::1", "Safari", "iOS", T0.plusSeconds(at),
                            T0.plus(Duration.ofDays(1))).id());
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads, ids.size());
        Set<String> distinct = ids.stream().collect(Collectors.toSet());
        assertEquals(1, distinct.size());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM devices WHERE account_id = ?", erin));
        assertEquals(T0.plusSeconds(threads - 1), stores.devices().byAccount(erin).get(0).lastSeen());
    }

    private static ApiTokenRecord token(String accountId, String name, Instant at) {
        return new ApiTokenRecord(id(), accountId, name, id().replace("-", "") + id().replace("-", ""), at,
                at.plus(Duration.ofDays(90)));
    }

    private static AuditRecord audit(String actor, String action, String subject, Instant at) {
        return new AuditRecord(id(), actor, action, subject, "198.51.100.7", "curl/8.0", "detail", at,
                at.plus(Duration.ofDays(7)));
    }
}
