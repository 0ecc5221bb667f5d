package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.CounterStore;
import org.aisora.core.internal.devices.DeviceRecorder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * What sign-up, sign-in and authentication do besides storing and finding accounts: password hashing
 * through the bounded {@link HashingGate}, progressive sign-in delays ({@link LoginThrottle}), sign-up
 * rate limits ({@link SignupLimiter}), named API tokens, device records and the audit log. Every password
 * hash and verification of the platform goes through here, so none escapes the gate or the throttle.
 * <p>
 * The throttle and the sign-up limits count in the database (shared by every node); the hashing gate stays
 * in memory: its slots guard this node's CPU and heap, which other nodes do not share.
 */
@Component(service = AccountSecurity.class, configurationPid = SecurityConfiguration.PID)
public final class AccountSecurity {
    private final Clock clock;
    private final CounterStore counters;
    private volatile LoginThrottle throttle;
    private volatile SignupLimiter signups;
    private final HashingGate gate;
    private final PasswordHasher hasher = new PasswordHasher();
    /** Verified against when the e-mail is unknown, so a miss costs as much time as a wrong password. */
    private final String decoyHash = hasher.decoy();
    private final TokenServiceImpl tokens;
    private final DeviceRecorder devices;
    private final AuditLog audit;

    @Activate
    public AccountSecurity(@Reference TokenServiceImpl tokens, @Reference DeviceRecorder devices,
                           @Reference AuditLog audit, @Reference HashingGate gate, @Reference CounterStore counters,
                           SecurityConfiguration security) {
        this(tokens, devices, audit, gate, counters, security, Clock.systemUTC());
    }

    public AccountSecurity(TokenServiceImpl tokens, DeviceRecorder devices, AuditLog audit, HashingGate gate,
                           CounterStore counters, SecurityConfiguration security, Clock clock) {
        this.clock = clock;
        this.counters = counters;
        modified(security);
        this.gate = gate;
        this.tokens = tokens;
        this.devices = devices;
        this.audit = audit;
    }

    /**
     * An edit applies to the next sign-in and sign-up; the counts themselves are in the database and stay. The
     * component stays registered, so the API never loses it.
     */
    @Modified
    void modified(SecurityConfiguration security) {
        this.throttle = new LoginThrottle(clock, new LoginThrottle.Limits(security.login_max_failures_per_account(),
                Duration.ofSeconds(security.login_max_account_delay_seconds()), security.login_max_failures_per_ip(),
                Duration.ofSeconds(security.login_max_ip_delay_seconds()),
                Duration.ofSeconds(security.login_window_seconds()), security.throttle_max_keys()), counters);
        this.signups = new SignupLimiter(clock, security.signup_max_per_ip(),
                Duration.ofSeconds(security.signup_ip_window_seconds()), security.signup_max_global(),
                Duration.ofSeconds(security.signup_global_window_seconds()), security.throttle_max_keys(), counters);
    }

    /** @throws org.aisora.api.error.RateLimitedException {@value SignupLimiter#CODE} past a sign-up limit */
    public void beforeSignUp(ClientInfo client) {
        signups.acquire(ip(client));
    }

    /** @throws org.aisora.api.error.ServiceBusyException {@value HashingGate#CODE} when no hashing slot frees */
    public String hash(String password, ClientInfo client) {
        return gate.run(ip(client), () -> hasher.hash(password));
    }

    /**
     * Checks a password under the sign-in throttle: an attempt that comes too early is refused before any
     * hashing; otherwise it is counted as a failure first, then verified in a hashing slot, and a match
     * takes the failure back and clears the account. An unknown e-mail (no stored hash) is verified
     * against a decoy and counted like a wrong password.
     *
     * @throws org.aisora.api.error.RateLimitedException {@value LoginThrottle#CODE} with Retry-After
     * @throws org.aisora.api.error.ServiceBusyException {@value HashingGate#CODE} (the attempt is not counted)
     */
    public boolean checkPassword(String email, Optional<String> storedHash, String password, ClientInfo client) {
        String ip = ip(client);
        LoginThrottle.Attempt attempt = throttle.begin(email, storedHash.isPresent(), ip);
        boolean ok;
        try {
            ok = gate.run(ip, () -> hasher.verify(password, storedHash.orElse(decoyHash))) && storedHash.isPresent();
        } catch (RuntimeException e) {
            throttle.abandoned(attempt);
            throw e;
        }
        if (ok) {
            throttle.succeeded(attempt);
        }
        return ok;
    }

    /**
     * Audits a failed sign-in without the e-mail: the subject is the account's id when the e-mail exists,
     * else nothing (a mistyped address is personal data of someone, perhaps not a user). The failure was
     * counted by {@link #checkPassword}.
     */
    public void signInFailed(Optional<AccountRecord> account, ClientInfo client) {
        audit.record(null, "login_failed", account.map(AccountRecord::id).orElse(null), client, null);
    }

    public void signedIn(AccountRecord account, ClientInfo client) {
        audit.record(account.id(), "login", account.id(), client, null);
        devices.signedIn(account, client);
    }

    /** The account behind a live named API token. */
    public Optional<String> apiTokenAccount(String bearer) {
        return tokens.live(bearer).map(t -> t.accountId());
    }

    /** The live named API token behind a bearer (its account and scopes). */
    public Optional<org.aisora.api.store.ApiTokenRecord> apiToken(String bearer) {
        return tokens.live(bearer);
    }

    /** An authenticated API call (cheap: see {@link DeviceRecorder#seen}). */
    public void used(AccountRecord account, ClientInfo client) {
        devices.seen(account, client);
    }

    public void audit(String actorId, String action, String subject, ClientInfo client, String detail) {
        audit.record(actorId, action, subject, client, detail);
    }

    private static String ip(ClientInfo client) {
        return client == null ? null : client.ip();
    }
}
