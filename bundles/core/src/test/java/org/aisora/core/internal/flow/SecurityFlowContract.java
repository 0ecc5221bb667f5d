package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.service.AuditEntry;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.DeviceView;
import org.aisora.api.service.Registration;
import org.aisora.api.service.TokenGrant;
import org.aisora.api.store.AuditRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.AccountServiceImpl;
import org.aisora.core.internal.audit.AuditLogImpl;
import org.aisora.core.internal.credits.CreditServiceImpl;
import org.aisora.core.internal.devices.DeviceRecorder;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.security.HashingGate;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.Tokens;
import org.aisora.core.internal.security.Reauthentication;
import org.aisora.core.internal.security.TokenServiceImpl;
import org.aisora.payments.manual.internal.ManualPaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.standard.internal.StandardPolicy;
import org.aisora.policies.standard.internal.StandardPolicyConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Named API tokens, login throttling, the audit log and device records, through the account service on
 * real stores, with a clock the test moves. Operational logs are kept 2 days and device records 3 here,
 * so an expiry shows which retention it came from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityFlowContract {
    static final String POLICY = "2026-11-01";
    static final String PASSWORD = "a long password";
    static final ClientInfo FIREFOX = new ClientInfo("192.0.2.10",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
    static final ClientInfo CURL = new ClientInfo("198.51.100.20", "curl/8.5.0");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    TestStores db;
    AuditLogImpl audit;
    TokenServiceImpl tokens;
    Reauthentication reauth;
    DeviceRecorder devices;
    AccountServiceImpl accounts;
    AccountSecurity security;
    CreditServiceImpl credits;
    PluginRegistry registry;

    abstract TestStores open();

    @BeforeAll
    void boot() {
        db = open();
        registry = new PluginRegistry(TestConfig.of(PluginChoices.class, Map.of()));
        StandardPolicy policy = new StandardPolicy(TestConfig.of(StandardPolicyConfig.class, Map.of(
                "policy_version", POLICY, "kind_days", new String[] {"OPERATIONAL_LOG=2", "DEVICE_RECORD=3"})));
        registry.families().retention.add(policy, Map.of());
        registry.families().privacy.add(policy, Map.of());
        registry.families().payments.add(new ManualPaymentProcessor(), Map.of());
        audit = new AuditLogImpl(db.audit(), db.accounts(), registry, clock);
        reauth = new Reauthentication(db.accounts(), new HashingGate(TestConfig.of(SecurityConfiguration.class,
                Map.of())), db.counters(), audit, TestConfig.of(SecurityConfiguration.class, Map.of()), clock);
        tokens = new TokenServiceImpl(db.apiTokens(), audit, reauth, clock);
        devices = new DeviceRecorder(db.devices(), registry, securityConfig(Map.of()), clock);
        // generous sign-up limits here (every test signs up); they have a test with their own service
        SecurityConfiguration sc = securityConfig(Map.of("login_max_account_delay_seconds", 60L,
                "signup_max_per_ip", 1_000_000, "signup_max_global", 1_000_000, "accounts_verify_email", false));
        security = new AccountSecurity(tokens, devices, audit, new HashingGate(securityConfig(Map.of())), db.counters(),
                sc, clock);
        accounts = new AccountServiceImpl(db.accounts(), db.sessions(),
                new org.aisora.core.internal.accounts.EmailVerifications(db.accounts(), db.emailVerifications(),
                        db.ledger(), TestConfig.plans(Map.of("signup_grant_credits", 0L)), security, null, clock),
                registry, db.policies(), security, sc, clock);
        credits = new CreditServiceImpl(db.accounts(), db.ledger(), registry, audit, clock);
    }

    /** The sign-in limits every test here counts on, with {@code overrides}. */
    static SecurityConfiguration securityConfig(Map<String, Object> overrides) {
        Map<String, Object> cfg = new java.util.HashMap<>(Map.of("login_max_failures_per_account", 3,
                "login_max_failures_per_ip", 6));
        cfg.putAll(overrides);
        return TestConfig.of(SecurityConfiguration.class, cfg);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** Audit rows of one instant have no order; a second between steps gives them one. */
    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    private String newEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private Caller signUp(String email, ClientInfo client) {
        accounts.register(new Registration("Test User", email, null, PASSWORD, "1990-01-01", POLICY), client);
        return accounts.authenticate(accounts.login(email, PASSWORD, client).token(), client).orElseThrow();
    }

    @Test
    void anApiTokenAuthenticatesUntilItExpiresOrIsRevoked() {
        Caller ann = signUp(newEmail(), FIREFOX);
        TokenGrant day = tokens.create(ann, " ci runner ", 1, null, PASSWORD, CURL);
        assertEquals("ci runner", day.name());
        assertEquals(day.createdAt().plus(Duration.ofDays(1)), day.expiresAt());
        assertEquals(ann, accounts.authenticate(day.token(), CURL).orElseThrow());
        assertEquals(List.of(day.id()), tokens.list(ann).stream().map(t -> t.id()).toList());

        TokenGrant standard = tokens.create(ann, "laptop", null, null, PASSWORD, CURL);
        assertEquals(standard.createdAt().plus(Duration.ofDays(90)), standard.expiresAt());

        clock.advance(Duration.ofDays(1));
        assertTrue(accounts.authenticate(day.token(), CURL).isEmpty(), "expired");
        assertEquals(List.of(standard.id()), tokens.list(ann).stream().map(t -> t.id()).toList());

        tokens.revoke(ann, standard.id(), CURL);
        assertTrue(accounts.authenticate(standard.token(), CURL).isEmpty(), "revoked");
        assertEquals("not_found", assertThrows(AisoraException.class,
                () -> tokens.revoke(ann, standard.id(), CURL)).code());
        assertTrue(accounts.authenticate(Tokens.API_PREFIX + "x".repeat(43), CURL).isEmpty(), "made up");
    }

    @Test
    void tokensAreScopedToTheirOwner() {
        Caller ann = signUp(newEmail(), FIREFOX);
        Caller bob = signUp(newEmail(), FIREFOX);
        TokenGrant anns = tokens.create(ann, "mine", 30, null, PASSWORD, CURL);

        AisoraException refused = assertThrows(AisoraException.class, () -> tokens.revoke(bob, anns.id(), CURL));
        assertEquals(AisoraException.Kind.NOT_FOUND, refused.kind());
        assertEquals(List.of(), tokens.list(bob));
        assertEquals(ann, accounts.authenticate(anns.token(), CURL).orElseThrow(), "still works after bob's try");
    }

    @Test
    void onlyTheHashOfAnApiTokenIsStoredAnywhere() {
        Caller ann = signUp(newEmail(), FIREFOX);
        TokenGrant grant = tokens.create(ann, "scan me", 7, null, PASSWORD, CURL);
        accounts.authenticate(grant.token(), CURL).orElseThrow();
        String body = grant.token().substring(Tokens.API_PREFIX.length());
        for (String table : List.of("api_tokens", "audit_log", "devices", "sessions", "accounts")) {
            for (String value : db.textValues(table)) {
                assertFalse(value.contains(body), table + " holds the token: " + value);
            }
        }
        assertTrue(db.textValues("api_tokens").contains(Tokens.sha256Hex(grant.token())));
    }

    @Test
    void badTokenRequestsAreRefusedAndStoreNothing() {
        Caller ann = signUp(newEmail(), FIREFOX);
        for (String name : new String[] {null, "", "   ", "x".repeat(101), "new\nline"}) {
            assertEquals("invalid_token_name",
                    assertThrows(AisoraException.class, () -> tokens.create(ann, name, 1, null, PASSWORD, CURL)).code());
        }
        for (int days : new int[] {0, -1, 366, Integer.MAX_VALUE}) {
            assertEquals("invalid_expiry",
                    assertThrows(AisoraException.class, () -> tokens.create(ann, "t", days, null, PASSWORD, CURL)).code());
        }
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM api_tokens WHERE account_id = ?", ann.accountId()));
        for (int i = 0; i < TokenServiceImpl.MAX_TOKENS_PER_ACCOUNT; i++) {
            tokens.create(ann, "t" + i, 1, null, PASSWORD, CURL);
        }
        assertEquals("too_many_tokens", assertThrows(AisoraException.class,
                () -> tokens.create(ann, "one more", 1, null, PASSWORD, CURL)).code());
        assertEquals(TokenServiceImpl.MAX_TOKENS_PER_ACCOUNT,
                db.queryLong("SELECT COUNT(*) FROM api_tokens WHERE account_id = ?", ann.accountId()));
    }

    @Test
    void signInsAndTokensAreAuditedWithoutEmailsOrSecrets() {
        String email = newEmail();
        Caller dee = signUp(email, FIREFOX);
        Instant loginAt = clock.instant();
        tick();
        assertThrows(AisoraException.class, () -> accounts.login(email, "wrong password", CURL));
        tick();
        String unknown = newEmail();
        assertThrows(AisoraException.class, () -> accounts.login(unknown, "wrong password", CURL));
        tick();
        TokenGrant grant = tokens.create(dee, "audited", 5, null, PASSWORD, CURL);
        tick();
        tokens.revoke(dee, grant.id(), CURL);
        tick();
        String session = accounts.login(email, PASSWORD, CURL).token();
        tick();
        accounts.logout(session);
        tick();
        accounts.setRole(email, "admin");
        tick();
        credits.grant(email, 25, "goodwill for " + email, "manual");
        tick();

        List<String> actions = db.audit().byAccount(dee.accountId()).stream().map(AuditRecord::action).toList();
        assertEquals(List.of("login", "login_failed", "token_created", "token_revoked", "login", "logout",
                "role_changed", "credits_granted"), actions);
        AuditRecord grantRow = db.audit().byAccount(dee.accountId()).get(7);
        assertEquals("amount=25 via manual", grantRow.detail());
        assertEquals(ClientInfo.CONSOLE.ip(), grantRow.ip());
        AuditRecord first = db.audit().byAccount(dee.accountId()).get(0);
        assertEquals(dee.accountId(), first.actorId());
        assertEquals(FIREFOX.ip(), first.ip());
        assertEquals(loginAt.plus(Duration.ofDays(2)), first.expiresAt(), "operational-log retention");
        AuditRecord failed = db.audit().byAccount(dee.accountId()).get(1);
        assertEquals(null, failed.actorId());
        assertEquals(dee.accountId(), failed.subject());
        for (String value : db.textValues("audit_log")) {
            assertFalse(value.contains(email) || value.contains(unknown), "an e-mail in the audit log: " + value);
            assertFalse(value.contains(PASSWORD) || value.contains("wrong password"), "a password: " + value);
            assertFalse(value.contains(grant.token()) || value.contains(session), "a token: " + value);
        }

        Caller admin = accounts.authenticate(accounts.login(email, PASSWORD, CURL).token(), CURL).orElseThrow();
        List<AuditEntry> page = audit.recent(admin, 0, 3);
        assertEquals(3, page.size());
        assertEquals(List.of("login", "credits_granted", "role_changed"), page.stream().map(AuditEntry::action).toList(),
                "newest first");
        Caller user = signUp(newEmail(), FIREFOX);
        assertEquals("admin_only", assertThrows(AisoraException.class, () -> audit.recent(user, 0, 10)).code());
    }

    @Test
    void devicesAreOneRowPerIpBrowserAndOsTouchedAtMostHourly() {
        Caller eve = signUp(newEmail(), FIREFOX);
        Instant signedIn = clock.instant();
        List<DeviceView> seen = devices.devices(eve);
        assertEquals(1, seen.size());
        DeviceView firefox = seen.get(0);
        assertEquals("Firefox", firefox.browser());
        assertEquals("Linux", firefox.os());
        assertEquals(FIREFOX.ip(), firefox.ip());
        assertEquals(signedIn.plus(Duration.ofDays(3)), firefox.expiresAt(), "device-record retention");

        TokenGrant grant = tokens.create(eve, "touch", 30, null, PASSWORD, CURL);
        for (int i = 0; i < 50; i++) {
            accounts.authenticate(grant.token(), FIREFOX).orElseThrow();
            clock.advance(Duration.ofSeconds(30));
        }
        assertEquals(signedIn, devices.devices(eve).get(0).lastSeen(), "no write within the hour");
        clock.advance(Duration.ofMinutes(40));
        Instant touched = clock.instant();
        accounts.authenticate(grant.token(), FIREFOX).orElseThrow();
        DeviceView after = devices.devices(eve).get(0);
        assertEquals(firefox.id(), after.id());
        assertEquals(touched, after.lastSeen());
        assertEquals(signedIn, after.firstSeen());
        assertEquals(touched.plus(Duration.ofDays(3)), after.expiresAt(), "refreshed on touch");

        accounts.authenticate(grant.token(), CURL).orElseThrow();
        assertEquals(2, devices.devices(eve).size());
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM devices WHERE account_id = ?", eve.accountId()));
        Caller other = signUp(newEmail(), FIREFOX);
        assertEquals(1, devices.devices(other).size(), "only the caller's own devices");
    }
}
