package org.aisora.core.internal.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.Registration;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.AccountServiceImpl;
import org.aisora.core.internal.credits.CreditServiceImpl;
import org.aisora.core.internal.generation.GenerationServiceImpl;
import org.aisora.core.internal.generation.JobEngine;
import org.aisora.core.internal.media.MediaServiceImpl;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.moderation.rules.internal.RulesConfig;
import org.aisora.moderation.rules.internal.RulesModerationEngine;
import org.aisora.payments.manual.internal.ManualPaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.standard.internal.StandardPolicy;
import org.aisora.policies.standard.internal.StandardPolicyConfig;
import org.aisora.providers.builtin.internal.BuiltinProvider;
import org.aisora.providers.builtin.internal.BuiltinProviderConfig;
import org.aisora.storage.filesystem.internal.FilesystemBlobStore;
import org.aisora.storage.filesystem.internal.FilesystemStoreConfig;

/**
 * The core wired by hand the way DS wires it in Karaf: real stores on a real database, the five
 * built-in plugins, the services under test. Only OSGi itself is missing (the itests add it).
 */
final class TestPlatform implements AutoCloseable {
    static final String POLICY = "2026-11-01";
    /** The password of every account {@link #register} makes. */
    static final String PASSWORD = "a long password";

    final TestStores db;
    final Path blobs;
    /** Every setting of every area, by annotation element name: {@link #settings(Class)} reads an area from it. */
    private final Map<String, Object> settings;
    final org.aisora.core.internal.limits.Plans plans;
    final PluginRegistry registry;
    final BuiltinProvider builtin;
    final FilesystemBlobStore storage;
    final org.aisora.core.internal.audit.AuditLogImpl audit;
    final org.aisora.core.internal.security.TokenServiceImpl tokens;
    /** The current password, asked again before an e-mail change or a new token (the sign-in throttle counts it). */
    final org.aisora.core.internal.security.Reauthentication reauth;
    final org.aisora.core.internal.security.AccountSecurity security;
    final org.aisora.core.internal.devices.DeviceRecorder devices;
    /** The verification mails sent (sign-up codes, when a test turns verification on). */
    final RecordingOutbox mail = new RecordingOutbox();
    final org.aisora.core.internal.accounts.EmailVerifications verifications;
    final AccountServiceImpl accounts;
    final CreditServiceImpl credits;
    final JobEngine engine;
    final org.aisora.core.internal.moderation.ImageModeration imageModeration;
    final org.aisora.core.internal.moderation.ModerationCounters moderationCounters =
            new org.aisora.core.internal.moderation.ModerationCounters();
    final GenerationServiceImpl generations;
    final MediaServiceImpl media;
    final Path work;
    final org.aisora.core.internal.media.MediaProcessor processor;
    final org.aisora.core.internal.vendordeletion.VendorDeletionQueue vendorQueue;

    /** One area's configuration (an OCD annotation type) from this platform's settings. */
    <A> A settings(Class<A> area) {
        return TestConfig.of(area, settings);
    }

    /** The flow tests are about generation, not plans: a free plan no test reaches the limits of. */
    static final String UNLIMITED_FREE = "free=monthly.credits:100,retention.days:7,max.concurrent.jobs:10000,"
            + "requests.per.minute:1000000,max.video.seconds:60,max.upload.mb:1024";

    TestPlatform(TestStores db, Map<String, Object> coreConfig) throws Exception {
        this.db = db;
        this.blobs = Files.createTempDirectory("aisora-blobs");
        // flows with vendor doubles are about routing, not image moderation (ImageModerationFlowTest is)
        Map<String, Object> cfg = new HashMap<>(Map.of("poll_interval_ms", 10L, "scan_interval_ms", 100L,
                "plans", new String[] {UNLIMITED_FREE}, "images_required", false,
                // flows sign up and generate at once: addresses count as verified at sign-up unless a test
                // turns verification on (EmailVerificationFlowContract)
                "accounts_verify_email", false));
        cfg.putAll(coreConfig);
        this.settings = Map.copyOf(cfg);
        this.plans = TestConfig.plans(cfg);
        this.imageModeration = new org.aisora.core.internal.moderation.ImageModeration(TestConfig.of(
                org.aisora.core.internal.moderation.ModerationConfiguration.class, cfg));
        this.registry = new PluginRegistry(TestConfig.of(org.aisora.core.internal.plugins.PluginChoices.class, Map.of()),
                imageModeration);
        registry.setThirdParties(new org.aisora.core.internal.thirdparty.ThirdPartyRecorder(db.thirdParties(),
                java.time.Clock.systemUTC()));
        this.builtin = new BuiltinProvider(TestConfig.of(BuiltinProviderConfig.class, Map.of()));
        this.storage = new FilesystemBlobStore(TestConfig.of(FilesystemStoreConfig.class, Map.of("root", blobs.toString())));
        builtin.bindEncoder(org.aisora.core.internal.media.ActiveVideoEncoder.over(registry::transcoder));
        plugins().providers.add(builtin, Map.of());
        plugins().storage.add(storage, Map.of());
        plugins().moderation.add(new RulesModerationEngine(TestConfig.of(RulesConfig.class,
                Map.of("categories", new String[] {"violence=\\bkill\\b"}))), Map.of());
        StandardPolicy policy = new StandardPolicy(TestConfig.of(StandardPolicyConfig.class,
                Map.of("policy_version", POLICY)));
        plugins().retention.add(policy, Map.of());
        plugins().privacy.add(policy, Map.of());
        plugins().payments.add(new ManualPaymentProcessor(), Map.of());
        this.audit = new org.aisora.core.internal.audit.AuditLogImpl(db.audit(), db.accounts(), registry);
        this.reauth = new org.aisora.core.internal.security.Reauthentication(db.accounts(),
                new org.aisora.core.internal.security.HashingGate(TestConfig.of(
                        org.aisora.core.internal.security.SecurityConfiguration.class, Map.of())),
                db.counters(), audit, settings(org.aisora.core.internal.security.SecurityConfiguration.class),
                java.time.Clock.systemUTC());
        this.tokens = new org.aisora.core.internal.security.TokenServiceImpl(db.apiTokens(), audit, reauth,
                java.time.Clock.systemUTC());
        this.devices = new org.aisora.core.internal.devices.DeviceRecorder(db.devices(), registry,
                settings(org.aisora.core.internal.security.SecurityConfiguration.class));
        // flows seed many accounts from few addresses: the sign-up limits have tests of their own
        Map<String, Object> generousSignUps = new HashMap<>(cfg);
        generousSignUps.putAll(Map.of("signup_max_per_ip", 1_000_000, "signup_max_global", 1_000_000));
        this.security = new org.aisora.core.internal.security.AccountSecurity(tokens, devices, audit,
                new org.aisora.core.internal.security.HashingGate(TestConfig.of(
                        org.aisora.core.internal.security.SecurityConfiguration.class, Map.of())),
                db.counters(), TestConfig.of(org.aisora.core.internal.security.SecurityConfiguration.class, generousSignUps),
                java.time.Clock.systemUTC());
        this.verifications = new org.aisora.core.internal.accounts.EmailVerifications(db.accounts(),
                db.emailVerifications(), db.ledger(), plans, security, mail, java.time.Clock.systemUTC());
        this.accounts = new AccountServiceImpl(db.accounts(), db.sessions(), verifications, registry, db.policies(),
                security, settings(org.aisora.core.internal.security.SecurityConfiguration.class),
                java.time.Clock.systemUTC());
        this.credits = new CreditServiceImpl(db.accounts(), db.ledger(), registry, audit,
                java.time.Clock.systemUTC());
        this.engine = new JobEngine(db.jobs(), db.accounts(), db.media(), registry, moderationCounters,
                TestConfig.jobs(cfg), TestConfig.media(cfg), TestConfig.node(cfg));
        this.generations = new GenerationServiceImpl(db.jobs(), db.media(), db.accounts(), registry, engine, db.ledger(),
                db.preferences(), plans, TestConfig.jobs(cfg));
        plugins().transcoders.add(new org.aisora.transcoders.ffmpeg.internal.FfmpegTranscoder(TestConfig.of(
                org.aisora.transcoders.ffmpeg.internal.FfmpegConfig.class, Map.of())), Map.of());
        this.work = blobs.resolveSibling(blobs.getFileName() + "-work");
        // the video queue's keys (queue_capacity, decode_factor, ...) come from the same map: none clash
        this.processor = new org.aisora.core.internal.media.MediaProcessor(db.media(), db.accounts(), registry, plans,
                TestConfig.media(cfg), TestConfig.node(cfg),
                TestConfig.of(org.aisora.core.internal.media.VideoQueueConfig.class, cfg), work,
                java.time.Clock.systemUTC());
        this.vendorQueue = new org.aisora.core.internal.vendordeletion.VendorDeletionQueue(db.vendorDeletions(), db.jobs(),
                db.media());
        this.media = new MediaServiceImpl(db.media(), db.accounts(), db.preferences(), registry, processor, vendorQueue,
                TestConfig.media(cfg), plans, work,
                new org.aisora.core.internal.media.UrlSigner(new byte[32]), java.time.Clock.systemUTC());
    }

    /** Every store holding personal data, as the privacy categories take them. */
    org.aisora.core.internal.privacy.PersonalDataStores personalData() {
        return new org.aisora.core.internal.privacy.PersonalDataStores(db.accounts(), db.sessions(), db.apiTokens(),
                db.jobs(), db.media(), db.ledger(), db.billing(), db.devices(), db.audit(), db.preferences(),
                db.profiles(), db.policies(), db.outbox(), db.vendorDeletions(), db.thirdParties(), db.billingClosures());
    }

    org.aisora.core.internal.plugins.Plugins plugins() {
        return registry.families();
    }

    Caller register(String email, String birthDate) {
        accounts.register(new Registration("Test User", email, null, "a long password", birthDate, POLICY), null);
        return accounts.authenticate(accounts.login(email, "a long password", null).token()).orElseThrow();
    }

    GenerationView await(Caller caller, String jobId, Predicate<GenerationView> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        GenerationView view = generations.get(caller, jobId);
        while (!done.test(view)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job did not finish: " + view);
            }
            Thread.sleep(20);
            view = generations.get(caller, jobId);
        }
        return view;
    }

    /** Blob files only: the store's own bookkeeping (key files, temp files) lives under dot-folders. */
    long blobFiles() throws Exception {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> blobs.relativize(p).toString())
                    .filter(rel -> !rel.startsWith(".") && !rel.contains("/."))
                    .count();
        }
    }

    @Override
    public void close() throws Exception {
        engine.stop();
        processor.stop();
        db.close();
        try (Stream<Path> files = Files.walk(blobs)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
