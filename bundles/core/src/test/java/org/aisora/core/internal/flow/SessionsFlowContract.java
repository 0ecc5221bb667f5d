package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Credential;
import org.aisora.api.service.Registration;
import org.aisora.api.service.SessionGrant;
import org.aisora.api.service.SessionView;
import org.aisora.api.service.TokenGrant;
import org.aisora.api.service.TokenScope;
import org.aisora.api.store.ApiTokenRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.AccountServiceImpl;
import org.aisora.core.internal.audit.AuditLogImpl;
import org.aisora.core.internal.devices.DeviceRecorder;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.security.HashingGate;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.SessionServiceImpl;
import org.aisora.core.internal.security.TokenServiceImpl;
import org.aisora.core.internal.security.Tokens;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.standard.internal.StandardPolicy;
import org.aisora.policies.standard.internal.StandardPolicyConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in sessions a user can see and end, their idle timeout and absolute lifetime, sign-out with an API
 * token, and scoped API tokens (with tokens made before scopes existed keeping their whole role), through the
 * account, session and token services on real stores, with a clock the test moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionsFlowContract {
    static final String POLICY = "2026-11-01";
    static final String PASSWORD = "a long password";
    static final ClientInfo FIREFOX = new ClientInfo("192.0.2.10",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
    static final ClientInfo CURL = new ClientInfo("198.51.100.20", "curl/8.5.0");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    TestStores db;
    AuditLogImpl audit;
    TokenServiceImpl tokens;
    AccountServiceImpl accounts;
    SessionServiceImpl sessions;
    PluginRegistry registry;
    AccountSecurity security;

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
        SecurityConfiguration config = config(Map.of());
        tokens = new TokenServiceImpl(db.apiTokens(), audit, new org.aisora.core.internal.security.Reauthentication(
                db.accounts(), new HashingGate(config), db.counters(), audit, config, clock), clock);
        DeviceRecorder devices = new DeviceRecorder(db.devices(), registry, config, clock);
        security = new AccountSecurity(tokens, devices, audit, new HashingGate(config), db.counters(), config, clock);
        accounts = accounts(config);
        sessions = new SessionServiceImpl(db.sessions(), audit, config, clock);
    }

    /** Generous sign-up limits (every test signs up) and the default session limits unless overridden. */
    static SecurityConfiguration config(Map<String, Object> overrides) {
        Map<String, Object> cfg = new java.util.HashMap<>(Map.of("signup_max_per_ip", 1_000_000,
                "signup_max_global", 1_000_000));
        cfg.putAll(overrides);
        return TestConfig.of(SecurityConfiguration.class, cfg);
    }

    AccountServiceImpl accounts(SecurityConfiguration config) {
        return new AccountServiceImpl(db.accounts(), db.sessions(),
                new org.aisora.core.internal.accounts.EmailVerifications(db.accounts(), db.emailVerifications(),
                        db.ledger(), TestConfig.plans(Map.of("signup_grant_credits", 0L)), security, null, clock),
                registry, db.policies(), security, config, clock);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private String signUp() {
        String email = "s" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        accounts.register(new Registration("Test User", email, null, PASSWORD, "1990-01-01", POLICY), FIREFOX);
        return email;
    }

    private Credential credential(String bearer) {
        return accounts.credential(bearer, CURL).orElseThrow(() -> new AssertionError("not live: " + bearer));
    }

    private long lastUsedMillis(String sessionId) {
        return db.queryLong("SELECT last_used_at FROM sessions WHERE id = ?", sessionId);
    }

    @Test
    void theListShowsWhenEachSessionWasOpenedAndLastUsedFromWhichDeviceAndWhichIsCurrent() {
        String email = signUp();
        Instant firstAt = clock.instant();
        SessionGrant laptop = accounts.login(email, PASSWORD, FIREFOX);
        clock.advance(Duration.ofMinutes(5));
        Instant secondAt = clock.instant();
        SessionGrant script = accounts.login(email, PASSWORD, CURL);
        Credential current = credential(laptop.token());
        assertTrue(current.isSession());

        List<SessionView> listed = sessions.list(current.caller(), current.sessionId());
        assertEquals(2, listed.size(), listed.toString());
        SessionView newest = listed.get(0);
        SessionView mine = listed.get(1);
        assertEquals(secondAt, newest.createdAt());
        assertEquals("curl", newest.device());
        assertFalse(newest.current());
        assertEquals(current.sessionId(), mine.id());
        assertTrue(mine.current());
        assertEquals(firstAt, mine.createdAt());
        assertEquals(secondAt, mine.lastUsedAt(), "used just now, 5 minutes after sign-in");
        assertEquals("Firefox on Linux", mine.device());
        assertEquals(secondAt.plus(Duration.ofMinutes(30)), mine.expiresAt(), "idle timeout first");
        for (SessionView s : listed) {
            assertFalse(s.id().contains(laptop.token()) || laptop.token().contains(s.id()), "the id is not the token");
            assertFalse(s.id().equals(Tokens.sha256Hex(laptop.token())) || s.id().equals(Tokens.sha256Hex(
                    script.token())), "nor its hash");
        }
    }

    @Test
    void lastUseIsWrittenAtMostOncePerMinute() {
        String email = signUp();
        String token = accounts.login(email, PASSWORD, FIREFOX).token();
        String id = credential(token).sessionId();
        long opened = lastUsedMillis(id);
        clock.advance(Duration.ofSeconds(30));
        credential(token);
        assertEquals(opened, lastUsedMillis(id), "30 s later: no write");
        clock.advance(Duration.ofSeconds(30));
        credential(token);
        assertEquals(clock.instant().toEpochMilli(), lastUsedMillis(id), "a minute later: written");
        clock.advance(Duration.ofSeconds(10));
        credential(token);
        assertEquals(clock.instant().minusSeconds(10).toEpochMilli(), lastUsedMillis(id), "10 s after: no write");
    }

    @Test
    void endingOneSessionLeavesTheOthers() {
        String email = signUp();
        String a = accounts.login(email, PASSWORD, FIREFOX).token();
        String b = accounts.login(email, PASSWORD, CURL).token();
        Credential ca = credential(a);
        Credential cb = credential(b);
        sessions.end(ca.caller(), cb.sessionId(), FIREFOX);
        assertTrue(accounts.credential(b, CURL).isEmpty(), "ended");
        assertEquals(List.of(ca.sessionId()), sessions.list(ca.caller(), ca.sessionId()).stream()
                .map(SessionView::id).toList());
        assertEquals("not_found", assertThrows(AisoraException.class,
                () -> sessions.end(ca.caller(), cb.sessionId(), FIREFOX)).code(), "already ended");
    }

    @Test
    void anotherAccountsSessionIsNotFoundAndSurvives() {
        String ann = signUp();
        String bob = signUp();
        String annsToken = accounts.login(ann, PASSWORD, FIREFOX).token();
        Credential anns = credential(annsToken);
        Credential bobs = credential(accounts.login(bob, PASSWORD, FIREFOX).token());
        AisoraException refused = assertThrows(AisoraException.class,
                () -> sessions.end(bobs.caller(), anns.sessionId(), CURL));
        assertEquals(AisoraException.Kind.NOT_FOUND, refused.kind());
        assertEquals("not_found", refused.code());
        assertTrue(accounts.credential(annsToken, CURL).isPresent(), "still signed in");
        assertEquals(List.of(bobs.sessionId()), sessions.list(bobs.caller(), null).stream()
                .map(SessionView::id).toList(), "bob sees only his own");
        assertThrows(AisoraException.class, () -> sessions.end(bobs.caller(), "x".repeat(65), CURL));
    }

    @Test
    void signingOutEverywhereEndsEverySessionAndKeepsTheApiTokens() {
        String email = signUp();
        String a = accounts.login(email, PASSWORD, FIREFOX).token();
        String b = accounts.login(email, PASSWORD, CURL).token();
        Credential ca = credential(a);
        TokenGrant token = tokens.create(ca.caller(), "ci", 7, null, PASSWORD, CURL);
        String other = signUp();
        String othersSession = accounts.login(other, PASSWORD, FIREFOX).token();

        assertEquals(2, sessions.endAll(ca.caller(), FIREFOX));
        assertTrue(accounts.credential(a, CURL).isEmpty());
        assertTrue(accounts.credential(b, CURL).isEmpty());
        assertEquals(List.of(), sessions.list(ca.caller(), null));
        assertEquals(ca.caller().accountId(), credential(token.token()).caller().accountId(), "tokens are kept");
        assertTrue(accounts.credential(othersSession, CURL).isPresent(), "other accounts are untouched");
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() {
        String email = signUp();
        String token = accounts.login(email, PASSWORD, FIREFOX).token();
        String id = credential(token).sessionId();
        clock.advance(Duration.ofMinutes(29));
        credential(token);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(accounts.credential(token, CURL).isPresent(), "29 minutes after its last use");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(accounts.credential(token, CURL).isEmpty(), "30 idle minutes");
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM sessions WHERE id = ?", id), "deleted when presented");
    }

    @Test
    void aSessionInUseEndsTwelveHoursAfterSignIn() {
        String email = signUp();
        String token = accounts.login(email, PASSWORD, FIREFOX).token();
        Caller caller = credential(token).caller();
        Instant signedIn = clock.instant();
        while (clock.instant().isBefore(signedIn.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(20)))) {
            clock.advance(Duration.ofMinutes(20));
            assertTrue(accounts.credential(token, CURL).isPresent(), "in use at " + clock.instant());
        }
        assertEquals(signedIn.plus(Duration.ofHours(12)), sessions.list(caller, null).get(0).expiresAt());
        clock.set(signedIn.plus(Duration.ofHours(12)));
        assertTrue(accounts.credential(token, CURL).isEmpty(), "12 hours after sign-in");
    }

    @Test
    void theTimeoutsAreConfigurableAndApplyToOpenSessions() {
        String email = signUp();
        String token = accounts.login(email, PASSWORD, FIREFOX).token();
        AccountServiceImpl strict = accounts(config(Map.of("session_idle_minutes", 5L,
                "session_absolute_hours", 1L)));
        clock.advance(Duration.ofMinutes(4));
        assertTrue(strict.credential(token, CURL).isPresent());
        clock.advance(Duration.ofMinutes(6));
        assertTrue(strict.credential(token, CURL).isEmpty(), "5 idle minutes");

        String second = strict.login(email, PASSWORD, FIREFOX).token();
        Instant signedIn = clock.instant();
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofMinutes(4));
            assertTrue(strict.credential(second, CURL).isPresent());
        }
        clock.set(signedIn.plus(Duration.ofHours(1)));
        assertTrue(strict.credential(second, CURL).isEmpty(), "one hour after sign-in");
    }

    @Test
    void signingOutWithAnApiTokenIsRefusedAndTheTokenStays() {
        String email = signUp();
        Caller caller = credential(accounts.login(email, PASSWORD, FIREFOX).token()).caller();
        TokenGrant token = tokens.create(caller, "ci", 7, null, PASSWORD, CURL);
        AisoraException refused = assertThrows(AisoraException.class, () -> accounts.logout(token.token()));
        assertEquals(AisoraException.Kind.BAD_REQUEST, refused.kind());
        assertEquals("not_a_session", refused.code());
        assertTrue(accounts.credential(token.token(), CURL).isPresent(), "not revoked");

        String session = accounts.login(email, PASSWORD, FIREFOX).token();
        accounts.logout(session);
        assertTrue(accounts.credential(session, CURL).isEmpty(), "a session signs out as before");
    }

    @Test
    void aTokenGetsTheUserScopesByDefaultAndNeverMoreThanTheRole() {
        String email = signUp();
        Caller user = credential(accounts.login(email, PASSWORD, FIREFOX).token()).caller();
        TokenGrant standard = tokens.create(user, "default", 7, null, PASSWORD, CURL);
        assertEquals(List.of("generate", "media", "account", "billing"), standard.scopes());
        assertEquals(TokenScope.DEFAULT, credential(standard.token()).scopes());
        AisoraException beyond = assertThrows(AisoraException.class,
                () -> tokens.create(user, "scraper", 7, List.of("metrics:read"), PASSWORD, CURL));
        assertEquals("scope_exceeds_role", beyond.code());
        assertEquals(AisoraException.Kind.FORBIDDEN, beyond.kind());
        assertEquals("scope_exceeds_role", assertThrows(AisoraException.class,
                () -> tokens.create(user, "root", 7, List.of("generate", "admin"), PASSWORD, CURL)).code());
        assertEquals("invalid_scope", assertThrows(AisoraException.class,
                () -> tokens.create(user, "typo", 7, List.of("generat"), PASSWORD, CURL)).code());
        TokenGrant media = tokens.create(user, "uploader", 7, List.of("media"), PASSWORD, CURL);
        assertEquals(List.of("media"), media.scopes());
        assertEquals(Set.of(TokenScope.MEDIA), credential(media.token()).scopes());
        assertEquals(Map.of(standard.id(), List.of("generate", "media", "account", "billing"), media.id(),
                List.of("media")), tokens.list(user).stream().collect(java.util.stream.Collectors.toMap(
                        t -> t.id(), t -> t.scopes())), "scopes are listed");
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM api_tokens WHERE account_id = ?", user.accountId()),
                "the refused tokens were not stored");
    }

    @Test
    void aMetricsTokenOfAnAdminCanReadMetricsOnlyAndLosesItWithTheRole() {
        String email = signUp();
        accounts.setRole(email, "admin");
        Credential session = credential(accounts.login(email, PASSWORD, FIREFOX).token());
        assertEquals(EnumSet.allOf(TokenScope.class), session.scopes(), "a session holds the whole role");
        assertTrue(session.caller().isAdmin());
        TokenGrant scraper = tokens.create(session.caller(), "prometheus", 365, List.of("metrics:read"), PASSWORD,
                CURL);
        Credential metrics = credential(scraper.token());
        assertEquals(Set.of(TokenScope.METRICS_READ), metrics.scopes());
        assertFalse(metrics.isSession());
        assertFalse(metrics.caller().isAdmin(), "no admin scope: the core sees a user");
        assertEquals("admin_only", assertThrows(AisoraException.class,
                () -> audit.recent(metrics.caller(), 0, 10)).code(), "the core's own role check holds");
        assertEquals(List.of(), tokens.list(metrics.caller()).stream().filter(t -> t.scopes() == null).toList());

        TokenGrant full = tokens.create(session.caller(), "ops", 7, List.of("admin", "account"), PASSWORD, CURL);
        assertTrue(credential(full.token()).caller().isAdmin());
        accounts.setRole(email, "user");
        assertEquals(Set.of(), credential(scraper.token()).scopes(), "an admin scope needs the admin role now");
        assertEquals(Set.of(TokenScope.ACCOUNT), credential(full.token()).scopes());
        assertFalse(credential(full.token()).caller().isAdmin());
    }

    @Test
    void aTokenMadeBeforeScopesExistedKeepsItsAccountsWholeRole() {
        String email = signUp();
        accounts.setRole(email, "admin");
        Caller admin = credential(accounts.login(email, PASSWORD, FIREFOX).token()).caller();
        String secret = Tokens.newApiToken();
        Instant now = clock.instant();
        db.apiTokens().insert(new ApiTokenRecord(UUID.randomUUID().toString(), admin.accountId(), "legacy",
                Tokens.sha256Hex(secret), now, now.plus(Duration.ofDays(30))));
        Credential legacy = credential(secret);
        assertEquals(EnumSet.allOf(TokenScope.class), legacy.scopes());
        assertTrue(legacy.caller().isAdmin());
        assertEquals(admin, accounts.authenticate(secret, CURL).orElseThrow());
        assertNull(tokens.list(admin).stream().filter(t -> t.name().equals("legacy")).findFirst().orElseThrow()
                .scopes(), "listed without scopes");
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM api_tokens WHERE account_id = ? AND scopes IS NULL",
                admin.accountId()), "its scopes stay unset after use");

        accounts.setRole(email, "user");
        assertEquals(TokenScope.DEFAULT, credential(secret).scopes(), "it follows the role");
    }
}
