package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.api.store.RetentionStore.Table;
import org.aisora.api.store.SubscriptionRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dunning mark, the end of a grace, and the downgrade-grace floor of re-derived expiries, on a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DunningStoreContract {
    private static final Duration DAY = Duration.ofDays(1);
    private static final long WEEK = Duration.ofDays(7).toMillis();
    private TestStores stores;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract TestStores open();

    @BeforeAll
    void boot() {
        stores = open();
    }

    @AfterAll
    void shutdown() throws Exception {
        stores.close();
    }

    private AccountRecord account(String plan) {
        AccountRecord a = Fixtures.account("dun" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        stores.accounts().insert(a);
        stores.execute("UPDATE accounts SET plan = ? WHERE id = ?", plan, a.id());
        return a;
    }

    private boolean event(AccountRecord a, String status, String plan, boolean downgrade, Instant dunningSince,
                          Instant at) {
        return stores.billing().applySubscriptionEvent(new PaymentEventRecord("stripe", "evt_" + UUID.randomUUID(),
                        "SUBSCRIPTION_ACTIVE", a.id(), "sub_1", at),
                null, new SubscriptionRecord(a.id(), "stripe", "sub_1", plan, status, null, at), plan, downgrade,
                dunningSince);
    }

    private String plan(AccountRecord a) {
        return stores.accounts().findById(a.id()).orElseThrow().plan();
    }

    @Test
    void theFirstFailureStartsTheGraceWhichEndsOnlyWhileStillInDunning() {
        BillingStore billing = stores.billing();
        AccountRecord a = account("pro");
        assertTrue(event(a, "past_due", "pro", false, t0, t0));
        assertTrue(event(a, "past_due", "pro", false, t0.plus(DAY), t0.plus(DAY)));
        assertEquals(Optional.of(t0), billing.dunningSince(a.id()), "the first failure counts");
        assertTrue(billing.dunning("free", 1000).contains(new BillingStore.Dunning(a.id(), "pro", t0)));

        assertFalse(billing.endDunningGrace(a.id(), t0.plus(DAY), "free", t0.plus(Duration.ofDays(15))),
                "another mark: nothing changes");
        assertEquals("pro", plan(a));
        Instant end = t0.plus(Duration.ofDays(15));
        assertTrue(billing.endDunningGrace(a.id(), t0, "free", end));
        assertEquals("free", plan(a));
        assertEquals(Optional.of(end), billing.downgradedAt(a.id()));
        assertFalse(billing.dunning("free", 1000).stream().anyMatch(d -> d.accountId().equals(a.id())),
                "a grace that ended is not listed again");
        assertFalse(billing.endDunningGrace(a.id(), t0, "free", end.plus(DAY)), "once");

        assertTrue(event(a, "active", "pro", false, null, end.plus(DAY)));
        assertEquals("pro", plan(a));
        assertEquals(Optional.empty(), billing.dunningSince(a.id()), "recovered: the mark is cleared");
        assertEquals(Optional.empty(), billing.downgradedAt(a.id()), "an upgrade ends the downgrade grace");
    }

    @Test
    void aRecoveryBeforeTheGraceEndsWins() {
        BillingStore billing = stores.billing();
        AccountRecord a = account("pro");
        event(a, "past_due", "pro", false, t0, t0);
        event(a, "active", "pro", false, null, t0.plus(DAY));
        assertFalse(billing.endDunningGrace(a.id(), t0, "free", t0.plus(Duration.ofDays(15))));
        assertEquals("pro", plan(a));
        assertEquals(Optional.empty(), billing.downgradedAt(a.id()));
    }

    private MediaRecord upload(AccountRecord a, Instant created, Instant expires) {
        MediaRecord m = new MediaRecord(Fixtures.id(), a.id(), null, null, "upload", "image/png", 1, 1, 1,
                "filesystem", "blobs/" + Fixtures.id(), "ab".repeat(32), "ready", created, expires);
        stores.media().insertAll(List.of(m));
        return m;
    }

    private long expiry(MediaRecord m) {
        return stores.queryLong("SELECT expires_at FROM media WHERE id = ?", m.id());
    }

    @Test
    void reDerivedExpiriesAfterADowngradeKeepTheGraceButNeverOutliveTheOldPlan() {
        AccountRecord a = account("pro");
        Instant now = t0;
        Duration month = Duration.ofDays(30);
        MediaRecord twentyDays = upload(a, now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(20)).plus(month));
        MediaRecord twoDays = upload(a, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)).plus(month));
        MediaRecord old = upload(a, now.minus(Duration.ofDays(25)), now.minus(Duration.ofDays(25)).plus(month));
        assertTrue(event(a, "canceled", "free", true, null, now));
        assertEquals(Optional.of(now), stores.billing().downgradedAt(a.id()));

        assertEquals(2, stores.retention().rederive(Table.MEDIA, a.id(), "upload", WEEK, WEEK, now),
                "the oldest item keeps its pro expiry, sooner than the grace");
        assertEquals(now.plus(Duration.ofDays(7)).toEpochMilli(), expiry(twentyDays), "the downgrade grace");
        assertEquals(now.plus(Duration.ofDays(7)).toEpochMilli(), expiry(twoDays), "free's 7 days would be day 5");
        assertEquals(now.plus(Duration.ofDays(5)).toEpochMilli(), expiry(old), "never later than under pro");
        assertEquals(0, stores.retention().rederive(Table.MEDIA, a.id(), "upload", WEEK, WEEK, now.plus(DAY)),
                "stable: a later re-derivation moves nothing");
        assertEquals(0, stores.retention().rederiveForPlan(Table.MEDIA, "free", "upload", WEEK, WEEK, now.plus(DAY)));

        AccountRecord never = account("free"); // no downgrade recorded: creation plus the retention, as before
        MediaRecord plain = upload(never, now.minus(DAY), now.minus(DAY).plus(month));
        assertTrue(stores.retention().rederiveForPlan(Table.MEDIA, "free", "upload", WEEK, WEEK, now) >= 1);
        assertEquals(now.minus(DAY).plus(Duration.ofDays(7)).toEpochMilli(), expiry(plain));
    }
}
