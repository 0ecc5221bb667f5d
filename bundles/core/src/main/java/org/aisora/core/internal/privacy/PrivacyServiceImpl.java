package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.PrivacyService;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.OutboxStore;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.ProfileStore;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.AuditStore;
import org.aisora.api.store.DeviceStore;
import org.aisora.api.store.ApiTokenStore;
import org.aisora.api.store.DeletionReceiptStore;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.SessionStore;
import org.aisora.api.store.VendorDeletionStore;
import org.aisora.api.store.ThirdPartyStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.security.AccountSecurity;
import org.aisora.core.internal.security.Tokens;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Export and erasure over the categories of {@link PersonalDataCategories}; receipts and their chain. */
@Component(service = PrivacyService.class)
public final class PrivacyServiceImpl implements PrivacyService {
    /** A session this young may delete its account without the password again. */
    static final Duration FRESH_SESSION = Duration.ofMinutes(10);
    static final String SCHEMA_VERSION = "1";
    private static final String SCHEMA_RESOURCE = "export-schema-v1.json";
    private static final ClientInfo ANONYMOUS = new ClientInfo(null, null);

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final DeletionReceiptStore receipts;
    private final List<PersonalDataCategory> categories;
    private final Erasure erasure;
    private final Clock clock;
    private final AccountSecurity security;
    private volatile AuditLog audit;

    @Activate
    public PrivacyServiceImpl(@Reference AccountStore accounts, @Reference SessionStore sessions,
                              @Reference ApiTokenStore tokens, @Reference JobStore jobs, @Reference MediaStore media,
                              @Reference LedgerStore ledger, @Reference BillingStore billing,
                              @Reference DeviceStore devices, @Reference AuditStore audit,
                              @Reference PreferenceStore preferences, @Reference ProfileStore profiles,
                              @Reference PolicyStore policies, @Reference OutboxStore outbox,
                              @Reference VendorDeletionStore vendorDeletions,
                              @Reference DeletionReceiptStore receipts, @Reference PluginRegistry registry,
                              @Reference AccountSecurity security, @Reference ThirdPartyStore thirdParties,
                              @Reference BillingClosureStore billingClosures) {
        this(accounts, sessions, receipts, registry, security, PersonalDataCategories.all(new PersonalDataStores(accounts,
                sessions, tokens, jobs, media, ledger, billing, devices, audit, preferences, profiles, policies, outbox,
                vendorDeletions, thirdParties, billingClosures), registry), Clock.systemUTC());
    }

    public PrivacyServiceImpl(AccountStore accounts, SessionStore sessions, DeletionReceiptStore receipts,
                              PluginRegistry registry, AccountSecurity security, List<PersonalDataCategory> categories,
                              Clock clock) {
        this.security = security;
        this.accounts = accounts;
        this.sessions = sessions;
        this.receipts = receipts;
        this.categories = List.copyOf(categories);
        this.erasure = new Erasure(accounts, receipts, registry, this.categories, clock);
        this.clock = clock;
    }

    /** The categories of a platform wired by hand (tests), in erasure order. */
    public static List<PersonalDataCategory> categories(PersonalDataStores stores, PluginRegistry registry) {
        return PersonalDataCategories.all(stores, registry);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setAuditLog(AuditLog log) {
        this.audit = log;
    }

    public void unsetAuditLog(AuditLog log) {
        if (this.audit == log) {
            this.audit = null;
        }
    }

    @Override
    public void export(Caller caller, OutputStream out, ClientInfo client) throws IOException {
        AccountRecord account = accounts.findById(caller.accountId())
                .orElseThrow(() -> AisoraException.unauthorized("the account no longer exists"));
        audit(account.id(), "export", account.id(), client, null);
        write(account.id(), out);
    }

    @Override
    public void exportByEmail(String email, OutputStream out) throws IOException {
        AccountRecord account = accounts.findByEmail(normalize(email))
                .orElseThrow(() -> AisoraException.notFound("account"));
        audit(null, "export", account.id(), ClientInfo.CONSOLE, "by an administrator");
        write(account.id(), out);
    }

    private void write(String accountId, OutputStream out) throws IOException {
        try (ZipExportSink zip = new ZipExportSink(out)) {
            List<String> names = new ArrayList<>();
            for (PersonalDataCategory category : categories) {
                category.export(accountId, zip);
                names.add(category.name());
            }
            List<Object> files = new ArrayList<>(zip.files());
            zip.json("manifest.json", Rows.of().put("schemaVersion", SCHEMA_VERSION)
                    .put("schema", "/api/v1/schemas/export/v1").put("exportedAt", clock.instant())
                    .put("categories", names).put("files", files).map());
        }
    }

    @Override
    public DeletionReceiptView deleteAccount(Caller caller, String password, String bearerToken, ClientInfo client) {
        AccountRecord account = accounts.findById(caller.accountId())
                .orElseThrow(() -> AisoraException.unauthorized("the account no longer exists"));
        if (password != null && !password.isEmpty()) {
            // the sign-in throttle and hashing gate: a stolen session cannot guess the password faster
            if (password.length() > 1024 || !security.checkPassword(account.email(),
                    Optional.of(account.passwordHash()), password, client)) {
                throw AisoraException.forbidden("invalid_password", "the password is wrong");
            }
        } else if (!freshSession(account.id(), bearerToken)) {
            throw AisoraException.forbidden("reauthentication_required",
                    "give your password, or sign in again: deleting an account needs a session under 10 minutes old");
        }
        DeletionReceiptView receipt = erasure.run(account.id(), Reason.USER_REQUEST.wire());
        // neither the account nor where it asked from: the audit row outlives the account
        audit(null, "account_deleted", receipt.id(), ANONYMOUS, Reason.USER_REQUEST.wire());
        return receipt;
    }

    private boolean freshSession(String accountId, String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 200) {
            return false;
        }
        return sessions.findByTokenHash(Tokens.sha256Hex(bearerToken))
                .filter(s -> s.accountId().equals(accountId))
                .filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(clock.instant()))
                .filter(s -> !s.createdAt().isBefore(clock.instant().minus(FRESH_SESSION)))
                .isPresent();
    }

    /** Also finds an account whose erasure was interrupted, and finishes it. */
    @Override
    public DeletionReceiptView deleteByEmail(String email, Reason reason) {
        if (reason == null || reason == Reason.USER_REQUEST) {
            throw AisoraException.badRequest("invalid_reason", "an administrator deletes for an admin reason");
        }
        String normalized = normalize(email);
        String accountId = accounts.erasureMarkByEmail(normalized).map(m -> m.accountId())
                .or(() -> accounts.findByEmail(normalized).map(AccountRecord::id))
                .orElseThrow(() -> AisoraException.notFound("account"));
        DeletionReceiptView receipt = erasure.run(accountId, reason.wire());
        audit(null, "account_deleted", receipt.id(), ClientInfo.CONSOLE, reason.wire());
        return receipt;
    }

    @Override
    public DeletionReceiptView receipt(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{22,64}")) {
            throw AisoraException.notFound("receipt");
        }
        return receipts.find(id).filter(r -> r.expiresAt().isAfter(clock.instant())).map(Receipts::view)
                .orElseThrow(() -> AisoraException.notFound("receipt"));
    }

    @Override
    public ChainVerification verifyReceiptChain() {
        return Receipts.verify(receipts);
    }

    @Override
    public String exportSchema() {
        try (InputStream in = PrivacyServiceImpl.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the export schema is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the export schema could not be read", e);
        }
    }

    private void audit(String actor, String action, String subject, ClientInfo client, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(actor, action, subject, client, detail);
        }
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

}
