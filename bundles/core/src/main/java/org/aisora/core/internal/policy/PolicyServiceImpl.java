package org.aisora.core.internal.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.policy.PrivacyPolicy;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.service.PolicyAcceptanceView;
import org.aisora.api.service.PolicyPublication;
import org.aisora.api.service.PolicyService;
import org.aisora.api.service.PolicyView;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.PolicyAcceptanceRecord;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.PolicyVersionRecord;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The privacy policy in force (the newest published version, else the policy plugin's built-in one),
 * publishing new versions with a notice to every active account, and the accounts' acceptances.
 */
@Component(service = PolicyService.class)
public final class PolicyServiceImpl implements PolicyService {
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_TEXT = 1_000_000;
    static final int MAX_SUMMARY = 1000;

    private final PluginRegistry registry;
    private final PolicyStore store;
    private final PolicyNotices notices;
    private final Clock clock;

    @Activate
    public PolicyServiceImpl(@Reference PluginRegistry registry, @Reference PolicyStore store,
                             @Reference AccountStore accounts, @Reference MailOutbox outbox) {
        this(registry, store, accounts, outbox, Clock.systemUTC());
    }

    public PolicyServiceImpl(PluginRegistry registry, PolicyStore store, AccountStore accounts, MailOutbox outbox,
                             Clock clock) {
        this.registry = registry;
        this.store = store;
        this.notices = new PolicyNotices(accounts, outbox);
        this.clock = clock;
    }

    @Override
    public PolicyView currentPrivacyPolicy() {
        PrivacyPolicy plugin = plugin();
        return store.latest().map(v -> new PolicyView(v.version(), plugin.minimumAge(), v.publishedAt(), v.summary(),
                v.sha256(), v.text())).orElseGet(() -> new PolicyView(plugin.currentVersion(), plugin.minimumAge()));
    }

    /** The version registration must accept: the newest published, else the plugin's. */
    public static String currentVersion(PrivacyPolicy plugin, PolicyStore store) {
        return store.latest().map(PolicyVersionRecord::version).orElse(plugin.currentVersion());
    }

    @Override
    public PolicyPublication publish(String version, String text, String summary) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw AisoraException.badRequest("invalid_policy_version",
                    "a version is 1 to 64 letters, digits, dots, dashes or underscores, e.g. 2026-12-01");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw AisoraException.badRequest("invalid_policy_text",
                    "the policy text must be non-empty and at most " + MAX_TEXT + " characters");
        }
        String cleanSummary = summary == null || summary.isBlank() ? null : summary.strip();
        if (cleanSummary != null && cleanSummary.length() > MAX_SUMMARY) {
            throw AisoraException.badRequest("invalid_policy_summary", "a summary is at most " + MAX_SUMMARY
                    + " characters");
        }
        PolicyVersionRecord record = new PolicyVersionRecord(version, now(), sha256(text), text, cleanSummary);
        if (store.find(version).isPresent() || !store.publish(record)) {
            throw AisoraException.conflict("policy_version_exists", "version " + version + " is already published");
        }
        long queued = notices.queue(record);
        return new PolicyPublication(version, record.publishedAt(), record.sha256(), queued);
    }

    @Override
    public Acceptance accept(Caller caller, String version, ClientInfo client) {
        if (version == null || !VERSION.matcher(version).matches() || !known(version)) {
            throw AisoraException.unprocessable("unknown_policy_version", "no privacy policy version is called that");
        }
        Instant now = now();
        boolean created = store.accept(new PolicyAcceptanceRecord(caller.accountId(), version, now, ip(client)));
        PolicyAcceptanceView view = created ? new PolicyAcceptanceView(version, now) : acceptances(caller).stream()
                .filter(a -> a.version().equals(version)).findFirst().orElse(new PolicyAcceptanceView(version, now));
        return new Acceptance(view, created);
    }

    @Override
    public List<PolicyAcceptanceView> acceptances(Caller caller) {
        return store.byAccount(caller.accountId()).stream()
                .map(a -> new PolicyAcceptanceView(a.version(), a.acceptedAt())).toList();
    }

    /** Stored as epoch milliseconds: what is returned now is what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private boolean known(String version) {
        return store.find(version).isPresent()
                || registry.privacyPolicy().map(p -> version.equals(p.currentVersion())).orElse(false);
    }

    private PrivacyPolicy plugin() {
        return registry.privacyPolicy().orElseThrow(() -> new AisoraException(AisoraException.Kind.UNAVAILABLE,
                "policy_unavailable", "no privacy policy is active"));
    }

    /** An address as the transport saw it, only if it fits an IPv6 literal (the console says "console"). */
    static String ip(ClientInfo client) {
        return client == null || client.ip() == null || client.ip().length() > 45 ? null : client.ip();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
