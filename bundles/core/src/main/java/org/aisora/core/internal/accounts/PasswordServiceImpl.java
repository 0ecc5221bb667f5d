package org.aisora.core.internal.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.service.PasswordService;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.CounterStore;
import org.aisora.api.store.PasswordResetRecord;
import org.aisora.api.store.PasswordStore;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.security.Reauthentication;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.SignIns;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Password change and reset. A change needs the current password ({@link Reauthentication}) and ends the
 * account's other sessions and, unless kept, its API tokens. A reset mails a single-use code (only its SHA-256
 * is stored) that works for {@value PasswordService#RESET_CODE_MINUTES} minutes and
 * {@value PasswordService#RESET_CODE_ATTEMPTS} tries; using it ends every session and token. A reset request
 * for an unknown address does the same work as one for a known address and answers the same.
 */
@Component(service = PasswordService.class, configurationPid = SecurityConfiguration.PID)
public final class PasswordServiceImpl implements PasswordService {
    static final Duration CODE_TTL = Duration.ofMinutes(RESET_CODE_MINUTES);

    private final AccountStore accounts;
    private final PasswordStore passwords;
    private final AccountSecurity security;
    private final Reauthentication reauthentication;
    private final SignIns signIns;
    private final CounterStore counters;
    private final AuditLog audit;
    private final Clock clock;
    private volatile PasswordResetLimiter limiter;
    /** Optional: without an outbox, a change works and a reset request is a 503 (for every address alike). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailOutbox outbox;

    @Activate
    public PasswordServiceImpl(@Reference AccountStore accounts, @Reference PasswordStore passwords,
                               @Reference AccountSecurity security, @Reference Reauthentication reauthentication,
                               @Reference SignIns signIns, @Reference CounterStore counters,
                               @Reference AuditLog audit, SecurityConfiguration config) {
        this(accounts, passwords, security, reauthentication, signIns, counters, audit, config, null,
                Clock.systemUTC());
    }

    public PasswordServiceImpl(AccountStore accounts, PasswordStore passwords, AccountSecurity security,
                               Reauthentication reauthentication, SignIns signIns, CounterStore counters,
                               AuditLog audit, SecurityConfiguration config, MailOutbox outbox, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.security = security;
        this.reauthentication = reauthentication;
        this.signIns = signIns;
        this.counters = counters;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        modified(config);
    }

    /** An edit of the reset limits applies to the next request; the counts stay in the database. */
    @Modified
    void modified(SecurityConfiguration config) {
        this.limiter = new PasswordResetLimiter(clock, counters, config.password_reset_max_per_email(),
                config.password_reset_max_per_ip(), Duration.ofSeconds(config.password_reset_window_seconds()));
    }

    @Override
    public void change(Caller caller, String currentPassword, String newPassword, boolean keepTokens,
                       String bearerToken, ClientInfo client) {
        String password = RegistrationValidator.password(newPassword);
        reauthentication.require(caller, currentPassword, client);
        String id = caller.accountId();
        if (!passwords.updatePasswordHash(id, security.hash(password, client))) {
            throw AisoraException.notFound("account");
        }
        SignIns.Ended ended = signIns.endOthers(id, bearerToken, keepTokens);
        audit.record(id, "password_changed", id, client, "other sessions ended: " + ended.sessions()
                + (keepTokens ? ", API tokens kept" : ", API tokens ended: " + ended.tokens()));
        accounts.findById(id).ifPresent(a -> notice(a, "password-changed"));
    }

    @Override
    public void requestReset(String email, ClientInfo client) {
        String normalized = RegistrationValidator.email(email);
        limiter.acquire(normalized, client == null ? null : client.ip());
        MailOutbox mail = outbox;
        if (mail == null) {
            throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "mail_unavailable",
                    "password reset is paused for now: no mail can be sent");
        }
        String code = EmailChangeCodes.newCode();
        String hash = EmailChangeCodes.hash(code);
        Instant now = clock.instant();
        Optional<AccountRecord> account = accounts.findByEmail(normalized);
        if (account.isEmpty()) {
            decoyWork();
            return;
        }
        AccountRecord a = account.get();
        passwords.saveResetCode(new PasswordResetRecord(a.id(), hash, now, now.plus(CODE_TTL), 0));
        mail.enqueue("password-reset:" + a.id() + ":" + hash, a.id(), new Notification(a.email(),
                "Reset your AiSora password",
                "Someone (we hope you) asked to reset the password of your AiSora account.\n\n"
                        + "Your reset code: " + code + "\n\n"
                        + "Send it with POST /api/v1/password-reset/confirm"
                        + " {\"email\":\"...\",\"code\":\"...\",\"newPassword\":\"...\"}. It works once, within "
                        + CODE_TTL.toMinutes() + " minutes; using it signs you out everywhere.\n"
                        + "If you did not ask for this, ignore this message: your password stays as it is."));
        audit.record(null, "password_reset_requested", a.id(), client, null);
    }

    /**
     * What a known address costs besides the mail itself (the code row and the audit row: three round trips to
     * the database), spent on an id no account has, so an unknown address answers in about the same time.
     */
    private void decoyWork() {
        String nobody = UUID.randomUUID().toString();
        passwords.resetCode(nobody);
        passwords.discardResetCode(nobody);
        accounts.findById(nobody);
    }

    @Override
    public void confirmReset(String email, String code, String newPassword, ClientInfo client) {
        String password = RegistrationValidator.password(newPassword);
        if (email == null || code == null || code.isBlank() || code.length() > EmailChangeCodes.MAX_LENGTH) {
            throw invalidCode();
        }
        AccountRecord account = accounts.findByEmail(email.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(PasswordServiceImpl::invalidCode);
        // the attempt is counted before the code is compared: parallel guesses cannot pass the limit
        if (!passwords.countResetAttempt(account.id(), RESET_CODE_ATTEMPTS)) {
            throw invalidCode();
        }
        String hash = EmailChangeCodes.hash(code.strip());
        PasswordResetRecord pending = passwords.resetCode(account.id())
                .filter(r -> EmailChangeCodes.sameHash(hash, r.codeHash()))
                .filter(r -> r.expiresAt().isAfter(clock.instant()))
                .orElseThrow(PasswordServiceImpl::invalidCode);
        if (!passwords.resetPassword(account.id(), pending.codeHash(), security.hash(password, client))) {
            throw invalidCode(); // a concurrent confirmation used it first
        }
        SignIns.Ended ended = signIns.endAll(account.id());
        audit.record(account.id(), "password_reset", account.id(), client,
                "sessions ended: " + ended.sessions() + ", API tokens ended: " + ended.tokens());
        notice(account, "password-reset-done");
    }

    /** Tells the owner their password changed: the one sign a thief cannot hide. */
    private void notice(AccountRecord account, String kind) {
        MailOutbox mail = outbox;
        if (mail != null) {
            mail.enqueue(kind + ":" + account.id() + ":" + clock.instant().toEpochMilli() + ":" + UUID.randomUUID(),
                    account.id(), new Notification(account.email(), "Your AiSora password was changed",
                            "The password of your AiSora account was just changed, and its other sign-ins were"
                                    + " ended.\nIf this was not you, reset your password at once and contact us."));
        }
    }

    private static AisoraException invalidCode() {
        return AisoraException.badRequest("invalid_code", "the reset code is wrong, used or expired");
    }
}
