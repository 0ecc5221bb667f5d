package org.aisora.core.internal.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.AccountOverview;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileChange;
import org.aisora.api.service.ProfileService;
import org.aisora.api.service.ProfileView;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.PendingEmailRecord;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.PreferencesRecord;
import org.aisora.api.store.ProfileStore;
import org.aisora.api.store.ThirdPartyStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.retention.RetentionTerms;
import org.aisora.core.internal.security.Reauthentication;
import org.aisora.core.internal.thirdparty.ThirdParties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Access, correction and restriction over one's own account. Every field of a correction is checked before
 * anything is written; a new e-mail waits, with its code, until the code comes back, so a typo or someone
 * else's address never takes over the sign-in. Asking for a new e-mail needs the current password, so a stolen
 * session cannot move the account to its thief's address.
 */
@Component(service = ProfileService.class)
public final class ProfileServiceImpl implements ProfileService {
    static final Duration CODE_TTL = Duration.ofHours(24);
    /** One verification mail per account per minute: the feature must not become a way to spam an address. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final AccountStore accounts;
    private final ProfileStore profiles;
    private final PreferenceStore preferences;
    private final ThirdPartyStore thirdParties;
    private final Clock clock;
    private final PluginRegistry registry;
    private final Reauthentication reauthentication;
    /** Optional: without an outbox, access and preferences work and an e-mail change is a 503. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailOutbox outbox;

    @Activate
    public ProfileServiceImpl(@Reference AccountStore accounts, @Reference ProfileStore profiles,
                              @Reference PreferenceStore preferences, @Reference PluginRegistry registry,
                              @Reference ThirdPartyStore thirdParties, @Reference Reauthentication reauthentication) {
        this(accounts, profiles, preferences, registry, thirdParties, null, reauthentication, Clock.systemUTC());
    }

    /** Without a third-party store: the profile's third-party record is then empty. */
    public ProfileServiceImpl(AccountStore accounts, ProfileStore profiles, PreferenceStore preferences,
                              PluginRegistry registry, MailOutbox outbox, Reauthentication reauthentication,
                              Clock clock) {
        this(accounts, profiles, preferences, registry, null, outbox, reauthentication, clock);
    }

    public ProfileServiceImpl(AccountStore accounts, ProfileStore profiles, PreferenceStore preferences,
                              PluginRegistry registry, ThirdPartyStore thirdParties, MailOutbox outbox,
                              Reauthentication reauthentication, Clock clock) {
        this.thirdParties = thirdParties;
        this.accounts = accounts;
        this.registry = registry;
        this.profiles = profiles;
        this.preferences = preferences;
        this.outbox = outbox;
        this.reauthentication = reauthentication;
        this.clock = clock;
    }

    @Override
    public ProfileView profile(Caller caller) {
        return view(load(caller.accountId()));
    }

    @Override
    public ProfileView correct(Caller caller, ProfileChange change) {
        return correct(caller, change, null);
    }

    /** A new e-mail needs the current password, checked after the fields (a malformed change costs no hashing). */
    @Override
    public ProfileView correct(Caller caller, ProfileChange change, ClientInfo client) {
        if (change == null) {
            throw AisoraException.badRequest("missing_body", "a JSON object with name, email or contact is required");
        }
        AccountRecord account = load(caller.accountId());
        String name = change.name() == null ? account.name() : RegistrationValidator.name(change.name());
        String contact = change.contact() == null ? account.contact() : RegistrationValidator.contact(change.contact());
        String email = change.email() == null ? null : RegistrationValidator.email(change.email());
        boolean backToCurrent = account.email().equals(email);
        boolean changing = email != null && !backToCurrent;
        MailOutbox mail = outbox;
        if (changing) {
            // before the address is looked up: without the password, a session learns nothing about it
            reauthentication.require(caller, change.currentPassword(), client);
            if (accounts.findByEmail(email).isPresent()) {
                throw AisoraException.conflict("email_taken", "an account with this e-mail address exists");
            }
            if (mail == null) {
                throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "mail_unavailable",
                        "e-mail changes are paused for now: no verification mail can be sent");
            }
            requireResendInterval(account.id());
        }
        if (!Objects.equals(name, account.name()) || !Objects.equals(contact, account.contact())) {
            profiles.updateDetails(account.id(), name, contact);
        }
        if (backToCurrent) {
            profiles.discardPendingEmail(account.id()); // asking for the current address cancels a change
        } else if (changing) {
            requestEmailChange(account, email, mail);
        }
        return profile(caller);
    }

    private void requireResendInterval(String accountId) {
        Instant now = clock.instant();
        profiles.pendingEmail(accountId).map(p -> p.createdAt().plus(RESEND_INTERVAL))
                .filter(next -> next.isAfter(now)).ifPresent(next -> {
                    throw new RateLimitedException("email_change_too_soon", "a verification mail was sent less than"
                            + " a minute ago; try again shortly", Duration.between(now, next).toSeconds() + 1);
                });
    }

    private void requestEmailChange(AccountRecord account, String email, MailOutbox mail) {
        String code = EmailChangeCodes.newCode();
        String hash = EmailChangeCodes.hash(code);
        Instant now = clock.instant();
        profiles.savePendingEmail(new PendingEmailRecord(account.id(), email, hash, now, now.plus(CODE_TTL)));
        mail.enqueue("email-change:" + account.id() + ":" + hash, account.id(), new Notification(email,
                "Confirm your new e-mail address",
                "Someone (we hope you) asked to use this address for an AiSora account.\n\n"
                        + "Your verification code: " + code + "\n\n"
                        + "Send it signed in with POST /api/v1/me/email-verification {\"code\":\"...\"}. It works once,"
                        + " within " + CODE_TTL.toHours() + " hours. Until then the account keeps its current address."
                        + "\nIf you did not ask for this, ignore this message."));
    }

    @Override
    public ProfileView verifyEmail(Caller caller, String code) {
        AccountRecord account = load(caller.accountId());
        if (code == null || code.isBlank() || code.length() > EmailChangeCodes.MAX_LENGTH) {
            throw invalidCode();
        }
        String hash = EmailChangeCodes.hash(code.strip());
        PendingEmailRecord pending = profiles.pendingEmail(account.id())
                .filter(p -> EmailChangeCodes.sameHash(hash, p.codeHash()))
                .filter(p -> p.expiresAt().isAfter(clock.instant()))
                .orElseThrow(ProfileServiceImpl::invalidCode);
        String newEmail = profiles.confirmPendingEmail(account.id(), pending.codeHash())
                .orElseThrow(ProfileServiceImpl::invalidCode);
        MailOutbox mail = outbox;
        if (mail != null) {
            mail.enqueue("email-changed:" + account.id() + ":" + hash, account.id(), new Notification(account.email(),
                    "Your e-mail address was changed",
                    "The e-mail address of your AiSora account was changed to " + newEmail + ".\n"
                            + "Sign in with the new address from now on. If this was not you, contact us at once."));
        }
        return profile(caller);
    }

    @Override
    public Preferences setPreferences(Caller caller, Preferences choice) {
        if (choice == null) {
            throw AisoraException.badRequest("missing_body",
                    "analyticsOptOut, processingRestricted and marketingEmails are required");
        }
        AccountRecord account = load(caller.accountId());
        preferences.save(new PreferencesRecord(account.id(), choice.analyticsOptOut(), choice.processingRestricted(),
                choice.marketingEmails(), clock.instant()));
        return preferences(account.id());
    }

    @Override
    public Preferences preferences(String accountId) {
        return preferences.find(accountId)
                .map(p -> new Preferences(p.analyticsOptOut(), p.processingRestricted(), p.marketingEmails()))
                .orElse(Preferences.DEFAULTS);
    }

    @Override
    public AccountOverview overview(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        AccountRecord account = accounts.findByEmail(normalized).orElseThrow(() -> AisoraException.notFound("account"));
        ProfileStore.AccountActivity activity = profiles.activity(account.id());
        return new AccountOverview(view(account), activity.jobs(), activity.media());
    }

    private AccountRecord load(String accountId) {
        return accounts.findById(accountId).orElseThrow(() -> AisoraException.notFound("account"));
    }

    private ProfileView view(AccountRecord a) {
        Instant now = clock.instant();
        String pending = profiles.pendingEmail(a.id()).filter(p -> p.expiresAt().isAfter(now))
                .map(PendingEmailRecord::newEmail).orElse(null);
        return new ProfileView(a.id(), a.name(), a.email(), a.contact(), a.role(), a.plan(), a.createdAt(),
                preferences(a.id()), a.acceptedPolicyVersion(), pending,
                RetentionTerms.of(registry.retentionPolicy(), a.plan()), ThirdParties.of(thirdParties, a.id()),
                a.emailVerified());
    }

    private static AisoraException invalidCode() {
        return AisoraException.badRequest("invalid_code", "the verification code is wrong, used or expired");
    }
}
