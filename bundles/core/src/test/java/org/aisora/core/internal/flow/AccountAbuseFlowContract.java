package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.error.ServiceBusyException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.Registration;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.AccountServiceImpl;
import org.aisora.core.internal.audit.AuditLogImpl;
import org.aisora.core.internal.devices.DeviceRecorder;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.privacy.PersonalDataStores;
import org.aisora.core.internal.privacy.PrivacyServiceImpl;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.security.HashingGate;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.Reauthentication;
import org.aisora.core.internal.security.TokenServiceImpl;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.standard.internal.StandardPolicy;
import org.aisora.policies.standard.internal.StandardPolicyConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-up and sign-in abuse on real stores: progressive sign-in delays per account and per address,
 * failures counted before the hash, the password check of account deletion under the same throttle,
 * sign-up rate limits, and every password path through the bounded hashing gate. Each test builds its
 * own services (the counters are in memory) over one database, with a clock the test moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountAbuseFlowContract {
    static final String POLICY = "2026-11-01";
    static final String PASSWORD = "a long password";
    static final ClientInfo SPRAYER = new ClientInfo("203.0.113.66", "python-requests/2.32");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    TestStores db;
    PluginRegistry registry;
    AuditLogImpl audit;
    TokenServiceImpl tokens;
    Reauthentication reauth;
    DeviceRecorder devices;
    /** The sign-in limits every service here shares, and no sign-up grant. */
    static final Map<String, Object> BASE = Map.of("login_max_failures_per_account", 3,
            "login_max_failures_per_ip", 6, "signup_grant_credits", 0L);

    abstract TestStores open();

    @BeforeAll
    void boot() {
        db = open();
        registry = new PluginRegistry(TestConfig.of(PluginChoices.class, Map.of()));
        StandardPolicy policy = new StandardPolicy(TestConfig.of(StandardPolicyConfig.class,
                Map.of("policy_version", POLICY)));
        registry.families().retention.add(policy, Map.of());
        registry.families().privacy.add(policy, Map.of());
        audit = new AuditLogImpl(db.audit(), db.accounts(), registry, clock);
        reauth = new Reauthentication(db.accounts(), new HashingGate(TestConfig.of(SecurityConfiguration.class,
                Map.of())), db.counters(), audit, TestConfig.of(SecurityConfiguration.class, Map.of()), clock);
        tokens = new TokenServiceImpl(db.apiTokens(), audit, reauth, clock);
        devices = new DeviceRecorder(db.devices(), registry, TestConfig.of(SecurityConfiguration.class, BASE), clock);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    static Map<String, Object> withVerificationOff(Map<String, Object> cfg) {
        Map<String, Object> off = new java.util.HashMap<>(Map.of("accounts_verify_email", false));
        off.putAll(cfg);
        return off;
    }

    /** Services over the shared database with fresh counters; generous sign-up limits unless overridden. */
    final class Services {
        final HashingGate gate;
        final AccountSecurity security;
        final AccountServiceImpl accounts;

        Services(Map<String, Object> overrides) {
            Map<String, Object> cfg = new java.util.HashMap<>(BASE);
            cfg.putAll(Map.of("login_max_account_delay_seconds", 60L, "signup_max_per_ip", 1_000_000,
                    "signup_max_global", 1_000_000));
            cfg.putAll(overrides);
            SecurityConfiguration sc = TestConfig.of(SecurityConfiguration.class, cfg);
            gate = new HashingGate(sc);
            security = new AccountSecurity(tokens, devices, audit, gate, db.counters(), sc, clock);
            // these flows are about abuse limits: addresses count as verified at sign-up (verification is off)
            accounts = new AccountServiceImpl(db.accounts(), db.sessions(),
                    new org.aisora.core.internal.accounts.EmailVerifications(db.accounts(), db.emailVerifications(),
                            db.ledger(), TestConfig.plans(BASE), security, null, clock),
                    registry, db.policies(), security, TestConfig.of(SecurityConfiguration.class,
                            withVerificationOff(cfg)), clock);
        }

        Caller signUp(String email, ClientInfo client) {
            accounts.register(new Registration("Test User", email, null, PASSWORD, "1990-01-01", POLICY), client);
            return accounts.authenticate(accounts.login(email, PASSWORD, client).token(), client).orElseThrow();
        }

        PrivacyServiceImpl privacy() {
            return new PrivacyServiceImpl(db.accounts(), db.sessions(), db.receipts(), registry, security,
                    PrivacyServiceImpl.categories(new PersonalDataStores(db.accounts(), db.sessions(), db.apiTokens(),
                            db.jobs(), db.media(), db.ledger(), db.billing(), db.devices(), db.audit(),
                            db.preferences(), db.profiles(), db.policies(), db.outbox(), db.vendorDeletions()),
                            registry), clock);
        }
    }

    static String newEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static ClientInfo from(String ip) {
        return new ClientInfo(ip, "curl/8");
    }

    private long failuresAudited(String accountId) {
        return db.audit().byAccount(accountId).stream().filter(r -> r.action().equals("login_failed")).count();
    }

    @Test
    void anAccountsOwnFailuresDelayItProgressivelyAndASuccessClearsThem() {
        Services s = new Services(Map.of());
        String email = newEmail();
        Caller cid = s.signUp(email, from("192.0.2.10"));
        for (int i = 0; i < 3; i++) {
            assertEquals("invalid_credentials", assertThrows(AisoraException.class,
                    () -> s.accounts.login(email, "wrong password", from("203.0.113.1"))).code(), "free failure " + i);
        }
        List<Long> retryAfters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // the right password from another address is refused too, before any hashing
            RateLimitedException early = assertThrows(RateLimitedException.class,
                    () -> s.accounts.login(email.toUpperCase(), PASSWORD, from("198.51.100.99")));
            assertEquals("too_many_login_attempts", early.code());
            retryAfters.add(early.retryAfterSeconds());
            clock.advance(Duration.ofSeconds(early.retryAfterSeconds()));
            assertThrows(AisoraException.class, () -> s.accounts.login(email, "wrong password", from("203.0.113.1")));
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), retryAfters, "doubling, capped at 60 s here");
        assertEquals(11, failuresAudited(cid.accountId()), "refused attempts are no failures");

        clock.advance(Duration.ofSeconds(60));
        s.accounts.login(email, PASSWORD, from("203.0.113.1"));
        // from an address of no failures (203.0.113.1 has eleven: its own short delay would apply)
        for (int i = 0; i < 3; i++) {
            assertThrows(AisoraException.class, () -> s.accounts.login(email, "wrong password", from("192.0.2.77")));
        }
        assertEquals(1, assertThrows(RateLimitedException.class,
                () -> s.accounts.login(email, PASSWORD, from("192.0.2.77"))).retryAfterSeconds(),
                "the success cleared the account: three free failures again, then 1 s");
    }

    @Test
    void anAddressThatOthersAbusedStillSignsInACleanAccount() {
        Services s = new Services(Map.of());
        String clean = newEmail();
        s.signUp(clean, from("192.0.2.11"));
        String victim = newEmail();
        s.signUp(victim, from("192.0.2.12"));
        List<Long> waits = new ArrayList<>();
        for (int failures = 0; failures < 64; ) {
            String target = failures < 3 ? victim : newEmail();
            try {
                s.accounts.login(target, "guess", SPRAYER);
            } catch (RateLimitedException limited) {
                waits.add(limited.retryAfterSeconds());
                clock.advance(Duration.ofSeconds(limited.retryAfterSeconds()));
                continue;
            } catch (AisoraException wrong) {
                assertEquals("invalid_credentials", wrong.code());
            }
            failures++;
        }
        assertTrue(waits.stream().allMatch(w -> w <= 10), "the address delay is capped short: " + waits);
        assertTrue(waits.contains(10L), "and reached its cap: " + waits);

        // the address is inside its delay now: unknown e-mails and the sprayed account wait, a clean one does not
        assertEquals("too_many_login_attempts", assertThrows(RateLimitedException.class,
                () -> s.accounts.login(newEmail(), "guess", SPRAYER)).code());
        assertThrows(RateLimitedException.class, () -> s.accounts.login(victim, PASSWORD, SPRAYER));
        assertTrue(s.accounts.authenticate(s.accounts.login(clean, PASSWORD, SPRAYER).token()).isPresent());
        assertTrue(s.accounts.authenticate(s.accounts.login(clean, PASSWORD, SPRAYER).token()).isPresent(),
                "twice: the success took its own count back");
    }

    @Test
    void parallelWrongPasswordsAreCountedBeforeTheHash() throws Exception {
        // a long wait for a slot: the three free attempts must hash, not be answered busy
        Services s = new Services(Map.of("hash_wait_millis", 60_000L));
        String email = newEmail();
        Caller dan = s.signUp(email, from("192.0.2.13"));
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                ClientInfo client = from("198.51.100." + (i + 1));
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        s.accounts.login(email, "wrong password", client);
                        return "signed in";
                    } catch (AisoraException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (Future<String> f : outcomes) {
                counts.merge(f.get(60, TimeUnit.SECONDS), 1L, Long::sum);
            }
            assertEquals(Map.of("invalid_credentials", 3L, "too_many_login_attempts", 61L), counts,
                    "only the free failures reach the hash, however many run at once");
            assertEquals(3, failuresAudited(dan.accountId()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingAnAccountChecksThePasswordUnderTheSameThrottle() {
        Services s = new Services(Map.of());
        String email = newEmail();
        Caller eve = s.signUp(email, from("192.0.2.14"));
        PrivacyServiceImpl privacy = s.privacy();
        ClientInfo thief = from("203.0.113.77");
        for (int i = 0; i < 3; i++) {
            assertEquals("invalid_password", assertThrows(AisoraException.class,
                    () -> privacy.deleteAccount(eve, "a guess at it", null, thief)).code());
        }
        RateLimitedException early = assertThrows(RateLimitedException.class,
                () -> privacy.deleteAccount(eve, PASSWORD, null, thief));
        assertEquals("too_many_login_attempts", early.code());
        assertEquals(1, early.retryAfterSeconds());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM accounts WHERE id = ?", eve.accountId()), "not deleted");
        assertThrows(RateLimitedException.class, () -> s.accounts.login(email, PASSWORD, thief),
                "sign-in shares the account's count");

        clock.advance(Duration.ofSeconds(1));
        DeletionReceiptView receipt = privacy.deleteAccount(eve, PASSWORD, null, thief);
        assertEquals(1L, receipt.counts().get("account"));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM accounts WHERE id = ?", eve.accountId()));
    }

    @Test
    void signUpsAreLimitedPerAddressAndGloballyBeforeAnythingIsStored() {
        Services s = new Services(Map.of("signup_max_per_ip", 5, "signup_max_global", 8));
        ClientInfo one = from("192.0.2.50");
        for (int i = 0; i < 5; i++) {
            s.accounts.register(new Registration("Test User", newEmail(), null, PASSWORD, "1990-01-01", POLICY), one);
        }
        String sixth = newEmail();
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> s.accounts.register(
                new Registration("Test User", sixth, null, PASSWORD, "1990-01-01", POLICY), one));
        assertEquals("signup_rate_limited", refused.code());
        assertEquals(3600, refused.retryAfterSeconds());
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", sixth), "nothing stored");

        for (int i = 0; i < 3; i++) {
            s.accounts.register(new Registration("Test User", newEmail(), null, PASSWORD, "1990-01-01", POLICY),
                    from("198.51.100." + (60 + i)));
        }
        String ninth = newEmail();
        RateLimitedException global = assertThrows(RateLimitedException.class, () -> s.accounts.register(
                new Registration("Test User", ninth, null, PASSWORD, "1990-01-01", POLICY), from("198.51.100.70")));
        assertEquals("signup_rate_limited", global.code());
        assertEquals(60, global.retryAfterSeconds(), "the node-wide window");
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", ninth));

        clock.advance(Duration.ofSeconds(60));
        s.accounts.register(new Registration("Test User", ninth, null, PASSWORD, "1990-01-01", POLICY),
                from("198.51.100.70"));
        assertEquals(3600 - 60, assertThrows(RateLimitedException.class, () -> s.accounts.register(
                new Registration("Test User", newEmail(), null, PASSWORD, "1990-01-01", POLICY), one))
                .retryAfterSeconds(), "the first address still waits for its hour");
    }

    @Test
    void everyPasswordPathWaitsForTheHashingGate() throws Exception {
        Services s = new Services(Map.of("hash_permits", 1, "hash_wait_millis", 0L));
        String email = newEmail();
        Caller fay = s.signUp(email, from("192.0.2.15"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> s.gate.run(null, () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        try {
            held.await();
            String newcomer = newEmail();
            ServiceBusyException busy = assertThrows(ServiceBusyException.class, () -> s.accounts.register(
                    new Registration("Test User", newcomer, null, PASSWORD, "1990-01-01", POLICY), from("192.0.2.16")));
            assertEquals("busy", busy.code());
            assertTrue(busy.retryAfterSeconds() >= 1);
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", newcomer));
            assertEquals("busy", assertThrows(ServiceBusyException.class,
                    () -> s.accounts.login(email, PASSWORD, from("192.0.2.15"))).code());
            assertEquals("busy", assertThrows(ServiceBusyException.class,
                    () -> s.accounts.login(newEmail(), "guess", from("192.0.2.15"))).code(), "the decoy too");
            assertEquals("busy", assertThrows(ServiceBusyException.class,
                    () -> s.privacy().deleteAccount(fay, PASSWORD, null, from("192.0.2.15"))).code());
            for (int i = 0; i < 5; i++) {
                assertThrows(ServiceBusyException.class, () -> s.accounts.login(email, "wrong", from("192.0.2.15")));
            }
        } finally {
            release.countDown();
            holder.join();
        }
        assertEquals(0, failuresAudited(fay.accountId()), "a busy answer is no failure");
        // and was not counted: seven busy attempts past the three free failures would be a 429 here
        assertTrue(s.accounts.authenticate(s.accounts.login(email, PASSWORD, from("192.0.2.15")).token()).isPresent());
    }
}
