package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.aisora.persistence.internal.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.PendingEmailRecord;
import org.aisora.api.store.PreferencesRecord;
import org.aisora.api.store.ProfileStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The preference and profile stores' promises (V7__account_rights.sql), run once per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RightsStoreContract {
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
        AccountRecord a = Fixtures.account("ada-" + id() + "@example.org");
        stores.accounts().insert(a);
        return a;
    }

    private static PendingEmailRecord pending(String accountId, String email, String hash) {
        return new PendingEmailRecord(accountId, email, hash, T0, T0.plusSeconds(86_400));
    }

    @Test
    void preferencesAreAbsentUntilSavedThenReplacedAsAWhole() {
        String accountId = account().id();
        assertTrue(stores.preferences().find(accountId).isEmpty());

        PreferencesRecord first = new PreferencesRecord(accountId, true, false, true, T0);
        stores.preferences().save(first);
        assertEquals(first, stores.preferences().find(accountId).orElseThrow());

        PreferencesRecord second = new PreferencesRecord(accountId, false, true, false, T0.plusSeconds(5));
        stores.preferences().save(second);
        assertEquals(second, stores.preferences().find(accountId).orElseThrow());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM account_preferences WHERE account_id = ?", accountId));
        assertTrue(stores.preferences().find(id()).isEmpty());
    }

    @Test
    void racingFirstSavesLeaveOneRow() throws Exception {
        String accountId = account().id();
        List<Object> outcomes = Race.run(8, () -> {
            stores.preferences().save(new PreferencesRecord(accountId, true, true, false, T0));
            return "saved";
        });
        assertEquals(8, outcomes.stream().filter("saved"::equals).count(), outcomes.toString());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM account_preferences WHERE account_id = ?", accountId));
        assertTrue(stores.preferences().find(accountId).orElseThrow().processingRestricted());
    }

    @Test
    void detailsAreCorrectedInPlace() {
        AccountRecord a = account();
        assertTrue(stores.profiles().updateDetails(a.id(), "Ada Lovelace", null));
        AccountRecord stored = stores.accounts().findById(a.id()).orElseThrow();
        assertEquals("Ada Lovelace", stored.name());
        assertEquals(null, stored.contact());
        assertEquals(a.email(), stored.email());
        assertEquals(a.passwordHash(), stored.passwordHash());
        assertFalse(stores.profiles().updateDetails(id(), "Nobody", null));
    }

    @Test
    void aPendingEmailIsReplacedAndConfirmedOnceWithItsHash() {
        AccountRecord a = account();
        String first = "new-" + id() + "@example.org";
        String second = "New-" + id() + "@Example.org";
        stores.profiles().savePendingEmail(pending(a.id(), first, "a".repeat(64)));
        stores.profiles().savePendingEmail(pending(a.id(), second, "b".repeat(64)));
        PendingEmailRecord stored = stores.profiles().pendingEmail(a.id()).orElseThrow();
        assertEquals(second.toLowerCase(), stored.newEmail());
        assertEquals("b".repeat(64), stored.codeHash());
        assertEquals(T0.plusSeconds(86_400), stored.expiresAt());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM account_email_changes WHERE account_id = ?", a.id()));

        // the replaced code no longer works, and changes nothing
        assertEquals(Optional.empty(), stores.profiles().confirmPendingEmail(a.id(), "a".repeat(64)));
        assertEquals(a.email(), stores.accounts().findById(a.id()).orElseThrow().email());

        assertEquals(Optional.of(second.toLowerCase()), stores.profiles().confirmPendingEmail(a.id(), "b".repeat(64)));
        assertEquals(second.toLowerCase(), stores.accounts().findById(a.id()).orElseThrow().email());
        assertTrue(stores.accounts().findByEmail(a.email()).isEmpty());
        assertTrue(stores.profiles().pendingEmail(a.id()).isEmpty());
        assertEquals(Optional.empty(), stores.profiles().confirmPendingEmail(a.id(), "b".repeat(64)));
    }

    @Test
    void anAddressTakenMeanwhileIsRefusedAndNothingChanges() {
        AccountRecord a = account();
        String wanted = "wanted-" + id() + "@example.org";
        stores.profiles().savePendingEmail(pending(a.id(), wanted, "c".repeat(64)));
        stores.accounts().insert(Fixtures.account(wanted));

        AisoraException e = assertThrows(AisoraException.class,
                () -> stores.profiles().confirmPendingEmail(a.id(), "c".repeat(64)));
        assertEquals("email_taken", e.code());
        assertEquals(409, e.kind().status());
        assertEquals(a.email(), stores.accounts().findById(a.id()).orElseThrow().email());
        assertTrue(stores.profiles().pendingEmail(a.id()).isPresent());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", wanted));
    }

    @Test
    void racingConfirmationsOfOneCodeSwitchOnce() throws Exception {
        AccountRecord a = account();
        String wanted = "race-" + id() + "@example.org";
        stores.profiles().savePendingEmail(pending(a.id(), wanted, "d".repeat(64)));
        List<Object> outcomes = Race.run(8, () -> stores.profiles().confirmPendingEmail(a.id(), "d".repeat(64))
                .map(x -> "switched").orElse("refused"));
        assertEquals(1, outcomes.stream().filter("switched"::equals).count(), outcomes.toString());
        assertEquals(wanted, stores.accounts().findById(a.id()).orElseThrow().email());
    }

    @Test
    void discardRemovesThePendingChange() {
        AccountRecord a = account();
        assertFalse(stores.profiles().discardPendingEmail(a.id()));
        stores.profiles().savePendingEmail(pending(a.id(), "x-" + id() + "@example.org", "e".repeat(64)));
        assertTrue(stores.profiles().discardPendingEmail(a.id()));
        assertTrue(stores.profiles().pendingEmail(a.id()).isEmpty());
        assertEquals(Optional.empty(), stores.profiles().confirmPendingEmail(a.id(), "e".repeat(64)));
    }

    @Test
    void activityCountsJobsAndTopLevelMediaOfOneAccount() {
        AccountRecord a = account();
        AccountRecord other = account();
        stores.ledger().post(Fixtures.grant("grant-" + id(), a.id(), 100));
        var job = Fixtures.job(a.id(), 5, null, T0);
        stores.jobs().enqueue(job, Fixtures.hold(job.id(), a.id(), 5));
        var output = Fixtures.media(a.id(), job.id(), null, T0);
        stores.media().insertAll(List.of(output, Fixtures.media(a.id(), job.id(), output.id(), T0)));
        stores.media().insert(Fixtures.media(other.id(), null, null, T0));

        assertEquals(new ProfileStore.AccountActivity(1, 1), stores.profiles().activity(a.id()));
        assertEquals(new ProfileStore.AccountActivity(0, 1), stores.profiles().activity(other.id()));
    }
}
