package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.PasswordResetRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the password store promises: one code per account, single-use and attempt-limited under races. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasswordStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
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

    private AccountRecord account() {
        AccountRecord a = Fixtures.account("pw" + Fixtures.id().substring(0, 8) + "@example.org");
        stores.accounts().insert(a);
        return a;
    }

    private static PasswordResetRecord code(String accountId, String hash) {
        return new PasswordResetRecord(accountId, hash, T0, T0.plus(Duration.ofMinutes(30)), 0);
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void aNewerCodeReplacesTheOlderAndAResetUsesItOnce() {
        AccountRecord a = account();
        stores.passwords().saveResetCode(code(a.id(), hash('a')));
        stores.passwords().saveResetCode(code(a.id(), hash('b')));
        assertEquals(code(a.id(), hash('b')), stores.passwords().resetCode(a.id()).orElseThrow());
        assertFalse(stores.passwords().resetPassword(a.id(), hash('a'), "$argon2id$replaced"), "the older code is gone");
        assertEquals(a.passwordHash(), stores.accounts().findById(a.id()).orElseThrow().passwordHash());

        assertTrue(stores.passwords().resetPassword(a.id(), hash('b'), "$argon2id$new"));
        assertEquals("$argon2id$new", stores.accounts().findById(a.id()).orElseThrow().passwordHash());
        assertTrue(stores.passwords().resetCode(a.id()).isEmpty());
        assertFalse(stores.passwords().resetPassword(a.id(), hash('b'), "$argon2id$again"));
        assertEquals("$argon2id$new", stores.accounts().findById(a.id()).orElseThrow().passwordHash());
    }

    @Test
    void parallelConfirmationsUseACodeOnceAndCannotPassTheAttemptLimit() throws Exception {
        AccountRecord a = account();
        stores.passwords().saveResetCode(code(a.id(), hash('c')));
        List<Object> counted = Race.run(12, () -> stores.passwords().countResetAttempt(a.id(), 5));
        assertEquals(5, counted.stream().filter(Boolean.TRUE::equals).count());
        assertEquals(5, stores.passwords().resetCode(a.id()).orElseThrow().attempts());

        AccountRecord b = account();
        stores.passwords().saveResetCode(code(b.id(), hash('d')));
        List<Object> used = Race.each(8, i -> () -> stores.passwords().resetPassword(b.id(), hash('d'),
                "$argon2id$winner" + i));
        assertEquals(1, used.stream().filter(Boolean.TRUE::equals).count());
    }

    @Test
    void aPasswordChangeAndAnAccountDeletionTakeTheirRows() {
        AccountRecord a = account();
        assertTrue(stores.passwords().updatePasswordHash(a.id(), "$argon2id$changed"));
        assertEquals("$argon2id$changed", stores.accounts().findById(a.id()).orElseThrow().passwordHash());
        assertFalse(stores.passwords().updatePasswordHash(Fixtures.id(), "$argon2id$nobody"));

        stores.passwords().saveResetCode(code(a.id(), hash('e')));
        assertTrue(stores.accounts().delete(a.id()));
        assertEquals(0, stores.queryLong("SELECT COUNT(*) FROM password_resets WHERE account_id = ?", a.id()));
        assertFalse(stores.passwords().discardResetCode(a.id()));
    }
}
