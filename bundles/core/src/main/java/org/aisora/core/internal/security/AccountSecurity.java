package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.store.AccountRecord;
import org.aisora.core.internal.CoreConfiguration;
import org.aisora.core.internal.devices.DeviceRecorder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What sign-in and authentication do besides checking a credential: throttling failed sign-ins,
 * accepting named API tokens, device records and the audit log. One collaborator, so the account
 * service keeps its rules and these stay testable on their own.
 */
@Component(service = AccountSecurity.class, configurationPid = CoreConfiguration.PID)
public final class AccountSecurity {
    private final LoginThrottle throttle;
    private final TokenServiceImpl tokens;
    private final DeviceRecorder devices;
    private final AuditLog audit;

    @Activate
    public AccountSecurity(@Reference TokenServiceImpl tokens, @Reference DeviceRecorder devices,
                           @Reference AuditLog audit, CoreConfiguration config) {
        this(tokens, devices, audit, config, Clock.systemUTC());
    }

    public AccountSecurity(TokenServiceImpl tokens, DeviceRecorder devices, AuditLog audit, CoreConfiguration config,
                           Clock clock) {
        this.throttle = new LoginThrottle(clock, config.login_max_failures_per_account(),
                config.login_max_failures_per_ip(), Duration.ofSeconds(config.login_window_seconds()));
        this.tokens = tokens;
        this.devices = devices;
        this.audit = audit;
    }

    /** @throws org.aisora.api.error.RateLimitedException while the e-mail or the IP is throttled */
    public void beforeSignIn(String email, ClientInfo client) {
        throttle.check(email, ip(client));
    }

    /**
     * Counts the failure and audits it without the e-mail: the subject is the account's id when the
     * e-mail exists, else nothing (a mistyped address is personal data of someone, perhaps not a user).
     */
    public void signInFailed(String email, Optional<AccountRecord> account, ClientInfo client) {
        throttle.failed(email, ip(client));
        audit.record(null, "login_failed", account.map(AccountRecord::id).orElse(null), client, null);
    }

    public void signedIn(AccountRecord account, ClientInfo client) {
        throttle.succeeded(account.email());
        audit.record(account.id(), "login", account.id(), client, null);
        devices.signedIn(account, client);
    }

    /** The account behind a live named API token. */
    public Optional<String> apiTokenAccount(String bearer) {
        return tokens.live(bearer).map(t -> t.accountId());
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
