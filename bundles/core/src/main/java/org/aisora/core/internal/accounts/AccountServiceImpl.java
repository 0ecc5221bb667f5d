package org.aisora.core.internal.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.policy.PrivacyPolicy;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Credential;
import org.aisora.api.service.TokenScope;
import org.aisora.api.service.Registration;
import org.aisora.api.service.SessionGrant;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.PolicyAcceptanceRecord;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.SessionRecord;
import org.aisora.api.store.SessionStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.policy.PolicyServiceImpl;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.devices.UserAgents;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.core.internal.security.SessionLifetimes;
import org.aisora.core.internal.security.TokenServiceImpl;
import org.aisora.core.internal.security.Tokens;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** Registration with the age gate, sign-in, bearer-token checks and role changes. */
@Component(service = AccountService.class, configurationPid = SecurityConfiguration.PID)
public final class AccountServiceImpl implements AccountService {
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final EmailVerifications verifications;
    private final PluginRegistry registry;
    private final PolicyStore policies;
    private volatile SecurityConfiguration config;
    private final AccountSecurity security;
    private final Clock clock;

    @Activate
    public AccountServiceImpl(@Reference AccountStore accounts, @Reference SessionStore sessions,
                              @Reference EmailVerifications verifications, @Reference PluginRegistry registry,
                              @Reference PolicyStore policies, @Reference AccountSecurity security,
                              SecurityConfiguration config) {
        this(accounts, sessions, verifications, registry, policies, security, config, Clock.systemUTC());
    }

    public AccountServiceImpl(AccountStore accounts, SessionStore sessions, EmailVerifications verifications,
                              PluginRegistry registry, PolicyStore policies, AccountSecurity security,
                              SecurityConfiguration config, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.verifications = verifications;
        this.registry = registry;
        this.policies = policies;
        this.config = config;
        this.security = security;
        this.clock = clock;
    }

    /** An edit of the session lifetime applies to the next sign-in; the service stays registered. */
    @Modified
    void modified(SecurityConfiguration next) {
        this.config = next;
    }

    @Override
    public AccountView register(Registration r, ClientInfo client) {
        // the sign-up limits come before anything is looked up or hashed
        security.beforeSignUp(client);
        if (r == null) {
            throw AisoraException.badRequest("missing_body", "a registration body is required");
        }
        PrivacyPolicy policy = registry.privacyPolicy().orElseThrow(() -> new AisoraException(
                AisoraException.Kind.UNAVAILABLE, "policy_unavailable", "registration is closed for now"));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate birthDate = RegistrationValidator.birthDate(r, today);
        // The age gate comes before anything is looked up or stored: a refused minor leaves no trace.
        if (RegistrationValidator.age(birthDate, today) < policy.minimumAge()) {
            throw AisoraException.forbidden("age_restricted",
                    "you must be at least " + policy.minimumAge() + " years old to use this service");
        }
        String email = RegistrationValidator.email(r.email());
        String name = RegistrationValidator.name(r.name());
        String contact = RegistrationValidator.contact(r.contact());
        String password = RegistrationValidator.password(r.password());
        String version = PolicyServiceImpl.currentVersion(policy, policies);
        if (!version.equals(r.acceptedPolicyVersion())) {
            throw AisoraException.badRequest("policy_not_accepted",
                    "acceptedPolicyVersion must be the current privacy policy version " + version);
        }
        Instant now = clock.instant();
        // unverified until its code comes back, unless accounts.verify.email is off
        AccountRecord account = new AccountRecord(UUID.randomUUID().toString(), email, name, contact,
                security.hash(password, client), birthDate.getYear(), ROLE_USER, "free", version, now,
                !config.accounts_verify_email());
        accounts.insert(account);
        String ip = client == null || client.ip() == null || client.ip().length() > 45 ? null : client.ip();
        policies.accept(new PolicyAcceptanceRecord(account.id(), version, now, ip));
        // the sign-up grant is posted when the address is verified: now when verification is off
        verifications.signedUp(account);
        return view(account);
    }

    @Override
    public SessionGrant login(String email, String password, ClientInfo client) {
        if (email == null || password == null) {
            throw AisoraException.badRequest("missing_credentials", "email and password are required");
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        Optional<AccountRecord> account = accounts.findByEmail(normalized);
        // throttled (429) before any hashing, counted before the hash, verified in a bounded hashing slot
        if (!security.checkPassword(normalized, account.map(AccountRecord::passwordHash), password, client)) {
            security.signInFailed(account, client);
            throw new AisoraException(AisoraException.Kind.UNAUTHORIZED, "invalid_credentials",
                    "email or password is wrong");
        }
        String token = Tokens.newToken();
        Instant now = clock.instant();
        Instant expires = SessionLifetimes.of(config).expiresAt(now);
        sessions.insert(new SessionRecord(UUID.randomUUID().toString(), account.get().id(), Tokens.sha256Hex(token),
                now, expires, now, client == null ? null : UserAgents.summary(client.userAgent())));
        security.signedIn(account.get(), client);
        return new SessionGrant(token, expires);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        return authenticate(bearerToken, null);
    }

    /** A session or a named API token (told apart by prefix, so one table is asked). */
    @Override
    public Optional<Caller> authenticate(String bearerToken, ClientInfo client) {
        return credential(bearerToken, client).map(Credential::caller);
    }

    /**
     * A session past its idle timeout or lifetime is deleted when it is presented; a live one has its last use
     * written when the stored one is a minute old or more ({@link SessionLifetimes}), so most requests read
     * one row and write none. The caller's role is {@code user} unless the credential holds {@code admin}.
     */
    @Override
    public Optional<Credential> credential(String bearerToken, ClientInfo client) {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 200) {
            return Optional.empty();
        }
        Optional<Credential> credential;
        if (Tokens.isApiToken(bearerToken)) {
            credential = security.apiToken(bearerToken).flatMap(t -> accounts.findById(t.accountId())
                    .map(a -> credential(a, null, TokenServiceImpl.effective(t, a.role()), client)));
        } else {
            credential = liveSession(bearerToken).flatMap(s -> accounts.findById(s.accountId())
                    .map(a -> credential(a, s.id(), TokenScope.ofRole(a.role()), client)));
        }
        return credential;
    }

    private Credential credential(AccountRecord a, String sessionId, Set<TokenScope> scopes, ClientInfo client) {
        security.used(a, client);
        String role = scopes.contains(TokenScope.ADMIN) ? a.role() : ROLE_USER;
        return new Credential(new Caller(a.id(), a.email(), role), sessionId, scopes);
    }

    private Optional<SessionRecord> liveSession(String bearerToken) {
        Optional<SessionRecord> session = sessions.findByTokenHash(Tokens.sha256Hex(bearerToken));
        if (session.isEmpty()) {
            return session;
        }
        SessionRecord s = session.get();
        SessionLifetimes lifetimes = SessionLifetimes.of(config);
        Instant now = clock.instant();
        if (!lifetimes.live(s, now)) {
            sessions.delete(s.id());
            return Optional.empty();
        }
        if (lifetimes.dueForTouch(s, now)) {
            sessions.touch(s.id(), now);
        }
        return session;
    }

    /** @throws AisoraException not_a_session (400): an API token is revoked at /tokens, not signed out */
    @Override
    public void logout(String bearerToken) {
        if (bearerToken != null && Tokens.isApiToken(bearerToken)) {
            throw AisoraException.badRequest("not_a_session", "this is an API token, not a sign-in session:"
                    + " revoke it with DELETE /tokens/{id}");
        }
        if (bearerToken != null) {
            sessions.findByTokenHash(Tokens.sha256Hex(bearerToken)).ifPresent(s -> {
                sessions.delete(s.id());
                security.audit(s.accountId(), "logout", s.accountId(), null, null);
            });
        }
    }

    @Override
    public AccountView me(Caller caller) {
        return accounts.findById(caller.accountId()).map(AccountServiceImpl::view)
                .orElseThrow(() -> AisoraException.notFound("account"));
    }

    @Override
    public List<AccountView> list(int offset, int limit) {
        return accounts.list(Math.max(0, offset), Math.min(Math.max(1, limit), 1000)).stream()
                .map(AccountServiceImpl::view).toList();
    }

    @Override
    public AccountView findByEmail(String email) {
        return view(byEmail(email));
    }

    @Override
    public AccountView setRole(String email, String role) {
        if (!ROLE_USER.equals(role) && !ROLE_ADMIN.equals(role)) {
            throw AisoraException.badRequest("invalid_role", "role must be user or admin");
        }
        AccountRecord account = byEmail(email);
        accounts.updateRole(account.id(), role);
        // role changes come from the console: the operator is the actor, recorded by where, not by account
        security.audit(null, "role_changed", account.id(), ClientInfo.CONSOLE, "role=" + role);
        return view(account.withRole(role));
    }

    private AccountRecord byEmail(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return accounts.findByEmail(normalized).orElseThrow(() -> AisoraException.notFound("account"));
    }

    static AccountView view(AccountRecord a) {
        return new AccountView(a.id(), a.name(), a.email(), a.contact(), a.role(), a.plan(),
                a.acceptedPolicyVersion(), a.createdAt(), a.emailVerified());
    }
}
