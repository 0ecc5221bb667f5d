package org.aisora.core.internal.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.EmailVerificationService;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.EmailVerificationRecord;
import org.aisora.api.store.EmailVerificationStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.security.AccountSecurity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Verification of the address an account signed up with: a code like the e-mail-change code (256 random bits,
 * mailed once, only its hash kept, single use, expiring, a few attempts), a new code at most once a minute, and
 * the sign-up credit grant posted when the address is verified. The grant's ledger key is the one sign-up always
 * used ({@code signup:<account>}), so however many verifications race, and for accounts granted before V21, it is
 * posted once.
 */
@Component(service = {EmailVerificationService.class, EmailVerifications.class})
public final class EmailVerifications implements EmailVerificationService {
    public static final String UNVERIFIED = "email_unverified";
    static final Duration CODE_TTL = Duration.ofHours(24);
    static final int MAX_ATTEMPTS = 5;
    /** One verification mail per account per minute: the feature must not become a way to spam an address. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final AccountStore accounts;
    private final EmailVerificationStore codes;
    private final LedgerStore ledger;
    private final Plans plans;
    private final AccountSecurity security;
    private final Clock clock;
    /** Optional: without an outbox no code is mailed; an operator verifies with aisora:user-verify. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailOutbox outbox;

    @Activate
    public EmailVerifications(@Reference AccountStore accounts, @Reference EmailVerificationStore codes,
                              @Reference LedgerStore ledger, @Reference Plans plans,
                              @Reference AccountSecurity security) {
        this(accounts, codes, ledger, plans, security, null, Clock.systemUTC());
    }

    public EmailVerifications(AccountStore accounts, EmailVerificationStore codes, LedgerStore ledger, Plans plans,
                              AccountSecurity security, MailOutbox outbox, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.ledger = ledger;
        this.plans = plans;
        this.security = security;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @throws AisoraException 403 {@code email_unverified} before generating, uploading or buying */
    public static void requireVerified(AccountRecord account) {
        if (!account.emailVerified()) {
            throw AisoraException.forbidden(UNVERIFIED, "verify your e-mail address first: send the code we mailed"
                    + " with POST /api/v1/me/email/verify (a new one: POST /api/v1/me/email/resend)");
        }
    }

    /** After sign-up: a verified account (verification off) gets its grant now, an unverified one its code. */
    void signedUp(AccountRecord account) {
        if (account.emailVerified()) {
            postGrant(account.id());
            return;
        }
        MailOutbox mail = outbox;
        if (mail != null) {
            sendCode(account, mail);
        }
    }

    @Override
    public AccountView verify(Caller caller, String code) {
        AccountRecord account = load(caller.accountId());
        requireUnverified(account);
        if (code == null || code.isBlank() || code.length() > EmailChangeCodes.MAX_LENGTH) {
            throw invalidCode();
        }
        if (!codes.takeAttempt(account.id(), MAX_ATTEMPTS)) {
            if (codes.code(account.id()).isEmpty()) {
                throw invalidCode();
            }
            throw AisoraException.badRequest("code_attempts_exceeded", "too many wrong codes: ask for a new one"
                    + " with POST /api/v1/me/email/resend");
        }
        String hash = EmailChangeCodes.hash(code.strip());
        codes.code(account.id()).filter(c -> EmailChangeCodes.sameHash(hash, c.codeHash()))
                .filter(c -> c.expiresAt().isAfter(clock.instant()))
                .orElseThrow(EmailVerifications::invalidCode);
        verified(account, account.id(), null);
        return AccountServiceImpl.view(load(account.id()));
    }

    @Override
    public void resend(Caller caller) {
        AccountRecord account = load(caller.accountId());
        requireUnverified(account);
        MailOutbox mail = outbox;
        if (mail == null) {
            throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "mail_unavailable",
                    "no verification mail can be sent for now: ask the operator to verify the account");
        }
        Instant now = clock.instant();
        codes.code(account.id()).map(c -> c.sentAt().plus(RESEND_INTERVAL)).filter(next -> next.isAfter(now))
                .ifPresent(next -> {
                    throw new RateLimitedException("verification_too_soon", "a verification mail was sent less than"
                            + " a minute ago; try again shortly", Duration.between(now, next).toSeconds() + 1);
                });
        sendCode(account, mail);
    }

    @Override
    public AccountView verifyByOperator(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        AccountRecord account = accounts.findByEmail(normalized).orElseThrow(() -> AisoraException.notFound("account"));
        if (account.emailVerified()) {
            return AccountServiceImpl.view(account);
        }
        verified(account, null, ClientInfo.CONSOLE);
        return AccountServiceImpl.view(load(account.id()));
    }

    /** The grant first (idempotent), then the flag: a crash between leaves an account that verifies again. */
    private void verified(AccountRecord account, String actor, ClientInfo client) {
        postGrant(account.id());
        if (codes.markVerified(account.id())) {
            security.audit(actor, "email_verified", account.id(), client, null);
        }
    }

    private void postGrant(String accountId) {
        long grant = plans.signupGrantCredits();
        if (grant > 0) {
            ledger.post(LedgerAccounts.grant("signup:" + accountId, accountId, grant, "signup grant",
                    clock.instant()));
        }
    }

    private void sendCode(AccountRecord account, MailOutbox mail) {
        String code = EmailChangeCodes.newCode();
        String hash = EmailChangeCodes.hash(code);
        Instant now = clock.instant();
        codes.saveCode(new EmailVerificationRecord(account.id(), hash, now, now.plus(CODE_TTL), 0));
        mail.enqueue("email-verify:" + account.id() + ":" + hash, account.id(), new Notification(account.email(),
                "Verify your e-mail address",
                "Welcome to AiSora. To start generating, verify this address.\n\n"
                        + "Your verification code: " + code + "\n\n"
                        + "Send it signed in with POST /api/v1/me/email/verify {\"code\":\"...\"}. It works once,"
                        + " within " + CODE_TTL.toHours() + " hours.\n"
                        + "If you did not sign up, ignore this message: the account stays unverified."));
    }

    private static void requireUnverified(AccountRecord account) {
        if (account.emailVerified()) {
            throw AisoraException.conflict("already_verified", "this e-mail address is verified already");
        }
    }

    private AccountRecord load(String accountId) {
        return accounts.findById(accountId).orElseThrow(() -> AisoraException.notFound("account"));
    }

    private static AisoraException invalidCode() {
        return AisoraException.badRequest("invalid_code", "the verification code is wrong, used or expired");
    }
}
