package org.aisora.core.internal.security;

import java.time.Clock;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.CounterStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The current password, asked again before a change a stolen session must not make (a new e-mail, an API
 * token, a new password). It is checked like a sign-in: under the same throttle (its counts are the sign-in's,
 * in the database, so a signed-in session cannot guess passwords faster than the sign-in form) and in a
 * slot of the {@link HashingGate}. A wrong password is audited as {@code reauthentication_failed}.
 * <p>
 * A component of its own, not part of {@link AccountSecurity}: the token service needs it, and
 * {@link AccountSecurity} needs the token service.
 */
@Component(service = Reauthentication.class, configurationPid = SecurityConfiguration.PID)
public final class Reauthentication {
    public static final String REQUIRED = "reauthentication_required";
    public static final String WRONG = "wrong_password";

    private final AccountStore accounts;
    private final HashingGate gate;
    private final CounterStore counters;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private volatile LoginThrottle throttle;

    @Activate
    public Reauthentication(@Reference AccountStore accounts, @Reference HashingGate gate,
                            @Reference CounterStore counters, @Reference AuditLog audit, SecurityConfiguration security) {
        this(accounts, gate, counters, audit, security, Clock.systemUTC());
    }

    public Reauthentication(AccountStore accounts, HashingGate gate, CounterStore counters, AuditLog audit,
                            SecurityConfiguration security, Clock clock) {
        this.accounts = accounts;
        this.gate = gate;
        this.counters = counters;
        this.audit = audit;
        this.clock = clock;
        modified(security);
    }

    @Modified
    void modified(SecurityConfiguration security) {
        this.throttle = LoginThrottle.of(clock, security, counters);
    }

    /**
     * Passes when {@code password} is the caller's current password.
     *
     * @throws AisoraException {@value #REQUIRED} (403) without a password, {@value #WRONG} (403) when wrong
     * @throws org.aisora.api.error.RateLimitedException {@value LoginThrottle#CODE} (429) past the sign-in delays
     * @throws org.aisora.api.error.ServiceBusyException {@value HashingGate#CODE} (503) without a hashing slot
     */
    public void require(Caller caller, String password, ClientInfo client) {
        if (password == null || password.isEmpty()) {
            throw AisoraException.forbidden(REQUIRED, "this change needs your current password (currentPassword)");
        }
        AccountRecord account = accounts.findById(caller.accountId())
                .orElseThrow(() -> AisoraException.notFound("account"));
        String ip = client == null ? null : client.ip();
        LoginThrottle.Attempt attempt = throttle.begin(account.email(), true, ip);
        boolean ok;
        try {
            ok = gate.run(ip, () -> hasher.verify(password, account.passwordHash()));
        } catch (RuntimeException e) {
            throttle.abandoned(attempt);
            throw e;
        }
        if (!ok) {
            audit.record(account.id(), "reauthentication_failed", account.id(), client, null);
            throw AisoraException.forbidden(WRONG, "the current password is wrong");
        }
        throttle.succeeded(attempt);
    }
}
