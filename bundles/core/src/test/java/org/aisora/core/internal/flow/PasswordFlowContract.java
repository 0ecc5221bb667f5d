package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.PasswordService;
import org.aisora.api.service.ProfileChange;
import org.aisora.api.service.Registration;
import org.aisora.api.service.TokenGrant;
import org.aisora.api.store.AuditRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.PasswordServiceImpl;
import org.aisora.core.internal.accounts.ProfileServiceImpl;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.SignIns;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Password change and reset, and the current password asked again before an e-mail change or a new API token,
 * on real stores. Reset requests are limited to 3 per e-mail and 6 per client address an hour here; each test
 * comes from an address of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasswordFlowContract {
    static final String PASSWORD = TestPlatform.PASSWORD;
    static final String NEW_PASSWORD = "another long password";
    private static final Pattern CODE = Pattern.compile("reset code: (\\S+)");

    final MutableClock clock = new MutableClock(Instant.now());
    final RecordingOutbox outbox = new RecordingOutbox();
    TestPlatform platform;
    PasswordServiceImpl passwords;
    ProfileServiceImpl profiles;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        Map<String, Object> limits = new HashMap<>(Map.of("password_reset_max_per_email", 3,
                "password_reset_max_per_ip", 6, "password_reset_window_seconds", 3600L));
        passwords = new PasswordServiceImpl(platform.db.accounts(), platform.db.passwords(), platform.security,
                platform.reauth, new SignIns(platform.db.sessions(), platform.db.apiTokens()), platform.db.counters(),
                platform.audit, TestConfig.of(SecurityConfiguration.class, limits), outbox, clock);
        profiles = new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, outbox, platform.reauth, clock);
    }

    @AfterAll
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static String email() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A client address no other test uses, so the per-address limits of one test leave the others alone. */
    private static ClientInfo client() {
        return new ClientInfo("2001:db8::" + UUID.randomUUID().toString().substring(0, 4), "curl/8.5.0");
    }

    /** A new account and the bearer of its first session. */
    private String signUp(String email) {
        platform.accounts.register(new Registration("Test User", email, null, PASSWORD, "1990-01-01",
                TestPlatform.POLICY), null);
        return signIn(email, PASSWORD);
    }

    private String signIn(String email, String password) {
        return platform.accounts.login(email, password, null).token();
    }

    private Caller caller(String bearer) {
        return platform.accounts.authenticate(bearer).orElseThrow();
    }

    private boolean live(String bearer) {
        return platform.accounts.authenticate(bearer).isPresent();
    }

    private static String code(Notification mail) {
        Matcher m = CODE.matcher(mail.body());
        assertTrue(m.find(), mail.body());
        return m.group(1);
    }

    private static String refusal(Runnable call) {
        return assertThrows(AisoraException.class, call::run).code();
    }

    private List<String> actions(String accountId) {
        return platform.db.audit().byAccount(accountId).stream().map(AuditRecord::action).toList();
    }

    @Test
    void aChangeNeedsTheCurrentPasswordAndTheSignUpRules() {
        String email = email();
        String bearer = signUp(email);
        Caller ann = caller(bearer);
        ClientInfo from = client();
        AisoraException missing = assertThrows(AisoraException.class,
                () -> passwords.change(ann, null, NEW_PASSWORD, false, bearer, from));
        assertEquals("reauthentication_required", missing.code());
        assertEquals(403, missing.kind().status());
        AisoraException wrong = assertThrows(AisoraException.class,
                () -> passwords.change(ann, "not the password", NEW_PASSWORD, false, bearer, from));
        assertEquals("wrong_password", wrong.code());
        assertEquals(403, wrong.kind().status());
        assertEquals("invalid_password", refusal(() -> passwords.change(ann, PASSWORD, "short", false, bearer, from)));
        signIn(email, PASSWORD); // nothing changed
        assertTrue(actions(ann.accountId()).contains("reauthentication_failed"));

        passwords.change(ann, PASSWORD, NEW_PASSWORD, false, bearer, from);
        assertEquals("invalid_credentials", refusal(() -> signIn(email, PASSWORD)));
        assertTrue(live(signIn(email, NEW_PASSWORD)));
        assertTrue(actions(ann.accountId()).contains("password_changed"));
        assertEquals(1, outbox.to(email).size(), "the owner is told");
    }

    @Test
    void aChangeEndsEveryOtherSessionAndEveryTokenButNotTheCurrentSession() {
        String email = email();
        String current = signUp(email);
        String other = signIn(email, PASSWORD);
        Caller bob = caller(current);
        TokenGrant token = platform.tokens.create(bob, "script", 30, null, PASSWORD, client());
        assertTrue(live(other) && live(token.token()));

        passwords.change(bob, PASSWORD, NEW_PASSWORD, false, current, client());
        assertTrue(live(current), "the session that changed it stays");
        assertFalse(live(other));
        assertFalse(live(token.token()));
        assertEquals(1, platform.db.sessions().listByAccount(bob.accountId()).size());
        assertEquals(0, platform.db.apiTokens().countByAccount(bob.accountId()));
    }

    @Test
    void keepTokensKeepsTheApiTokensButStillEndsOtherSessions() {
        String email = email();
        String current = signUp(email);
        String other = signIn(email, PASSWORD);
        Caller cat = caller(current);
        TokenGrant token = platform.tokens.create(cat, "script", 30, null, PASSWORD, client());

        passwords.change(cat, PASSWORD, NEW_PASSWORD, true, current, client());
        assertTrue(live(current));
        assertFalse(live(other));
        assertTrue(live(token.token()));
        AuditRecord row = platform.db.audit().byAccount(cat.accountId()).stream()
                .filter(r -> r.action().equals("password_changed")).findFirst().orElseThrow();
        assertEquals("other sessions ended: 1, API tokens kept", row.detail());
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeSignIns() {
        String email = email();
        String bearer = signUp(email);
        Caller dan = caller(bearer);
        ClientInfo from = client();
        for (int i = 0; i < 5; i++) {
            assertEquals("wrong_password", refusal(() -> passwords.change(dan, "guess " + UUID.randomUUID(),
                    NEW_PASSWORD, false, bearer, from)));
        }
        RateLimitedException slowed = assertThrows(RateLimitedException.class,
                () -> passwords.change(dan, PASSWORD, NEW_PASSWORD, false, bearer, from));
        assertEquals("too_many_login_attempts", slowed.code());
        assertTrue(slowed.retryAfterSeconds() >= 1);
        // the same counts: the sign-in form is held back too
        assertEquals("too_many_login_attempts", assertThrows(RateLimitedException.class,
                () -> platform.accounts.login(email, PASSWORD, from)).code());
    }

    @Test
    void aResetRequestIsAnsweredAlikeForKnownAndUnknownAddresses() {
        String known = email();
        String bearer = signUp(known);
        String unknown = email();
        ClientInfo from = client();
        passwords.requestReset(known, from);
        passwords.requestReset(unknown, from);
        assertEquals(1, outbox.to(known).size());
        assertTrue(outbox.to(unknown).isEmpty());
        String code = code(outbox.to(known).get(0));
        String accountId = caller(bearer).accountId();
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM password_resets WHERE account_id = ?", accountId));
        assertFalse(platform.db.textValues("password_resets").contains(code), "only the code's hash is stored");
        // nothing about the unknown address is kept, not even in the audit log
        assertTrue(platform.db.textValues("audit_log").stream().noneMatch(v -> v.contains(unknown)));
        // the limits count unknown addresses too, so a refusal tells nothing either
        passwords.requestReset(unknown, from);
        passwords.requestReset(unknown, from);
        assertEquals("password_reset_rate_limited", assertThrows(RateLimitedException.class,
                () -> passwords.requestReset(unknown, from)).code());
    }

    @Test
    void aResetCodeWorksOnceAndEndsEverySessionAndToken() {
        String email = email();
        String first = signUp(email);
        String second = signIn(email, PASSWORD);
        Caller eve = caller(first);
        TokenGrant token = platform.tokens.create(eve, "script", 30, null, PASSWORD, client());
        passwords.requestReset(email, client());
        String code = code(outbox.to(email).get(0));

        passwords.confirmReset(" " + email.toUpperCase() + " ", code, NEW_PASSWORD, client());
        assertFalse(live(first));
        assertFalse(live(second));
        assertFalse(live(token.token()));
        assertEquals(0, platform.db.sessions().listByAccount(eve.accountId()).size());
        assertEquals("invalid_credentials", refusal(() -> signIn(email, PASSWORD)));
        assertTrue(live(signIn(email, NEW_PASSWORD)));
        assertEquals("invalid_code", refusal(() -> passwords.confirmReset(email, code, "a third long password",
                client())));
        assertTrue(live(signIn(email, NEW_PASSWORD)), "a used code changes nothing");
        List<String> actions = actions(eve.accountId());
        assertTrue(actions.contains("password_reset_requested") && actions.contains("password_reset"), actions.toString());
        AuditRecord row = platform.db.audit().byAccount(eve.accountId()).stream()
                .filter(r -> r.action().equals("password_reset")).findFirst().orElseThrow();
        assertEquals("sessions ended: 2, API tokens ended: 1", row.detail());
    }

    @Test
    void aResetCodeExpiresAfterThirtyMinutes() {
        String fresh = email();
        String stale = email();
        signUp(fresh);
        signUp(stale);
        ClientInfo from = client();
        passwords.requestReset(stale, from);
        clock.advance(Duration.ofMinutes(PasswordService.RESET_CODE_MINUTES).plusSeconds(1));
        passwords.requestReset(fresh, from);
        clock.advance(Duration.ofMinutes(PasswordService.RESET_CODE_MINUTES).minusSeconds(2));
        assertEquals("invalid_code", refusal(() -> passwords.confirmReset(stale, code(outbox.to(stale).get(0)),
                NEW_PASSWORD, from)));
        assertTrue(live(signIn(stale, PASSWORD)));
        passwords.confirmReset(fresh, code(outbox.to(fresh).get(0)), NEW_PASSWORD, from);
        assertTrue(live(signIn(fresh, NEW_PASSWORD)));
    }

    @Test
    void aResetCodeStopsWorkingAfterFiveWrongTries() {
        String email = email();
        signUp(email);
        passwords.requestReset(email, client());
        String code = code(outbox.to(email).get(0));
        for (int i = 0; i < PasswordService.RESET_CODE_ATTEMPTS; i++) {
            assertEquals("invalid_code", refusal(() -> passwords.confirmReset(email, "wrong" + UUID.randomUUID(),
                    NEW_PASSWORD, client())));
        }
        assertEquals("invalid_code", refusal(() -> passwords.confirmReset(email, code, NEW_PASSWORD, client())));
        assertTrue(live(signIn(email, PASSWORD)));
        assertEquals("invalid_code", refusal(() -> passwords.confirmReset(email(), code, NEW_PASSWORD, client())),
                "an unknown address is refused alike");
        assertEquals("invalid_password", refusal(() -> passwords.confirmReset(email, code, "short", client())));
    }

    @Test
    void resetRequestsAreLimitedPerAddressAndPerClient() {
        String email = email();
        signUp(email);
        ClientInfo from = client();
        for (int i = 0; i < 3; i++) {
            passwords.requestReset(email, from);
        }
        RateLimitedException perEmail = assertThrows(RateLimitedException.class,
                () -> passwords.requestReset(email, client()));
        assertEquals("password_reset_rate_limited", perEmail.code());
        assertEquals(429, perEmail.kind().status());
        assertTrue(perEmail.retryAfterSeconds() >= 3599 && perEmail.retryAfterSeconds() <= 3600,
                "retry after " + perEmail.retryAfterSeconds());
        assertEquals(3, outbox.to(email).size(), "a refused request mails nothing");
        for (int i = 0; i < 3; i++) {
            passwords.requestReset(email(), from);
        }
        assertEquals("password_reset_rate_limited", assertThrows(RateLimitedException.class,
                () -> passwords.requestReset(email(), from)).code(), "six requests an hour from one client");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        passwords.requestReset(email, from);
        assertEquals(4, outbox.to(email).size());
    }

    @Test
    void anApiTokenNeedsTheCurrentPassword() {
        String email = email();
        Caller fay = caller(signUp(email));
        ClientInfo from = client();
        assertEquals("reauthentication_required", refusal(() -> platform.tokens.create(fay, "t", 1, from)));
        assertEquals("reauthentication_required", refusal(() -> platform.tokens.create(fay, "t", 1, null, null, from)));
        AisoraException wrong = assertThrows(AisoraException.class,
                () -> platform.tokens.create(fay, "t", 1, null, "not the password", from));
        assertEquals("wrong_password", wrong.code());
        assertEquals(403, wrong.kind().status());
        assertEquals(0, platform.db.apiTokens().countByAccount(fay.accountId()));
        TokenGrant grant = platform.tokens.create(fay, "t", 1, null, PASSWORD, from);
        assertTrue(live(grant.token()));
    }

    @Test
    void anEmailChangeNeedsTheCurrentPassword() {
        String email = email();
        Caller gus = caller(signUp(email));
        String wanted = email();
        ClientInfo from = client();
        assertEquals("reauthentication_required", refusal(() -> profiles.correct(gus,
                new ProfileChange(null, wanted, null), from)));
        assertEquals("wrong_password", refusal(() -> profiles.correct(gus,
                new ProfileChange("Gus Renamed", wanted, null, "not the password"), from)));
        assertTrue(outbox.to(wanted).isEmpty());
        assertNull(profiles.profile(gus).pendingEmail());
        assertEquals("Test User", profiles.profile(gus).name(), "a refused change changes nothing");
        assertEquals("Gus Renamed", profiles.correct(gus, new ProfileChange("Gus Renamed", null, null), from).name(),
                "the name needs no password");

        assertEquals(wanted, profiles.correct(gus, new ProfileChange(null, wanted, null, PASSWORD), from)
                .pendingEmail());
        assertEquals(1, outbox.to(wanted).size());
    }
}
