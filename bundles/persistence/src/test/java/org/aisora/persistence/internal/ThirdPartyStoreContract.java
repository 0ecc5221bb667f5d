package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.aisora.persistence.internal.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.ErasureMark;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.ThirdPartyRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The third-party record's promises (V13__account_third_parties.sql), run once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThirdPartyStoreContract {
    private TestStores stores;

    abstract TestStores openStores();

    @BeforeAll
    void boot() {
        stores = openStores();
    }

    @AfterAll
    void shutdown() throws Exception {
        if (stores != null) {
            stores.close();
        }
    }

    private AccountRecord account() {
        AccountRecord a = Fixtures.account("tp-" + id() + "@example.org");
        stores.accounts().insert(a);
        return a;
    }

    private static ThirdPartyRecord moderation(String accountId, Instant at, List<String> categories) {
        return new ThirdPartyRecord(accountId, "moderation", "openai", "OpenAI", "content moderation", categories,
                "30 days", at, at);
    }

    private long rows(String accountId) {
        return stores.queryLong("SELECT COUNT(*) FROM account_third_parties WHERE account_id = ?", accountId);
    }

    @Test
    void aRepeatedTransferMovesLastAtForwardOnlyAndKeepsTheFirst() {
        String accountId = account().id();
        assertTrue(stores.thirdParties().record(moderation(accountId, T0, List.of("prompts"))));
        assertTrue(stores.thirdParties().record(moderation(accountId, T0.plusSeconds(60), List.of("prompts", "images"))));
        assertTrue(stores.thirdParties().record(moderation(accountId, T0.plusSeconds(30), List.of("prompts", "images"))));

        List<ThirdPartyRecord> recorded = stores.thirdParties().byAccount(accountId);
        assertEquals(List.of(new ThirdPartyRecord(accountId, "moderation", "openai", "OpenAI", "content moderation",
                List.of("prompts", "images"), "30 days", T0, T0.plusSeconds(60))), recorded);
        assertEquals(1, rows(accountId));
    }

    @Test
    void eachPluginVendorAndPurposeIsItsOwnLineMostRecentFirst() {
        String accountId = account().id();
        String other = account().id();
        stores.thirdParties().record(moderation(accountId, T0, List.of("prompts")));
        stores.thirdParties().record(new ThirdPartyRecord(accountId, "storage", "s3", "s3.eu-west-1.amazonaws.com",
                "media storage", List.of("media files"), "until we delete them", T0.plusSeconds(5), T0.plusSeconds(5)));
        stores.thirdParties().record(new ThirdPartyRecord(accountId, "payment", "stripe", "Stripe", "payments",
                List.of(), "", T0.plusSeconds(9), T0.plusSeconds(9)));
        stores.thirdParties().record(moderation(other, T0, List.of("prompts")));

        List<ThirdPartyRecord> recorded = stores.thirdParties().byAccount(accountId);
        assertEquals(List.of("payment", "storage", "moderation"), recorded.stream().map(ThirdPartyRecord::family).toList());
        assertEquals(List.of(), recorded.get(0).dataCategories(), "no categories stays no categories");
        assertEquals("", recorded.get(0).statedRetention());
        assertEquals(List.of("media files"), recorded.get(1).dataCategories());

        assertEquals(3, stores.thirdParties().deleteByAccount(accountId));
        assertEquals(List.of(), stores.thirdParties().byAccount(accountId));
        assertEquals(1, stores.thirdParties().byAccount(other).size(), "another account's record stays");
    }

    @Test
    void racingFirstRecordsLeaveOneRow() throws Exception {
        String accountId = account().id();
        List<Object> outcomes = Race.run(8, () -> stores.thirdParties().record(moderation(accountId, T0,
                List.of("prompts"))));
        assertEquals(List.of(true, true, true, true, true, true, true, true), outcomes);
        assertEquals(1, rows(accountId));
    }

    @Test
    void nothingIsRecordedForAMissingOrErasingAccount() {
        assertFalse(stores.thirdParties().record(moderation(id(), T0, List.of("prompts"))));
        AccountRecord erasing = account();
        stores.accounts().beginErasure(new ErasureMark(erasing.id(), id(), "user_request", "receipt-" + id(), T0, null));
        assertFalse(stores.thirdParties().record(moderation(erasing.id(), T0, List.of("prompts"))));
        assertEquals(0, rows(erasing.id()));
    }

    @Test
    void generationVendorsComeFromTheJobAttemptsOfTheAccount() {
        AccountRecord a = account();
        stores.ledger().post(Fixtures.grant("grant-" + id(), a.id(), 100));
        var first = Fixtures.job(a.id(), 5, null, T0);
        stores.jobs().enqueue(first, Fixtures.hold(first.id(), a.id(), 5));
        var second = Fixtures.job(a.id(), 5, null, T0);
        stores.jobs().enqueue(second, Fixtures.hold(second.id(), a.id(), 5));
        stores.jobs().recordAttempt(attempt(first.id(), 1, "runway", T0, "Runway"));
        stores.jobs().recordAttempt(attempt(first.id(), 2, "builtin", T0.plusSeconds(1), null));
        stores.jobs().recordAttempt(attempt(second.id(), 1, "runway", T0.plusSeconds(90), "Runway"));
        stores.jobs().recordAttempt(attempt(second.id(), 2, "stability", T0.plusSeconds(60), "Stability AI"));

        List<ThirdPartyRecord> vendors = stores.thirdParties().generationVendors(a.id());
        assertEquals(List.of(
                new ThirdPartyRecord(a.id(), "provider", "runway", "Runway", "", List.of(), "24 hours", T0,
                        T0.plusSeconds(90)),
                new ThirdPartyRecord(a.id(), "provider", "stability", "Stability AI", "", List.of(), "24 hours",
                        T0.plusSeconds(60), T0.plusSeconds(60))), vendors, "a provider on our machines is no vendor");
        assertEquals(List.of(), stores.thirdParties().generationVendors(account().id()));
    }

    private static JobAttempt attempt(String jobId, int seq, String provider, Instant at, String vendor) {
        return new JobAttempt(jobId, seq, provider, "succeeded", null, 10, 0, at, vendor,
                vendor == null ? null : "24 hours", false, null);
    }
}
