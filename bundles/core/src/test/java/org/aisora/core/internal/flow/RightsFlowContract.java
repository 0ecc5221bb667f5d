package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.AccountOverview;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileChange;
import org.aisora.api.service.ProfileView;
import org.aisora.api.service.Registration;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.accounts.ProfileServiceImpl;
import org.aisora.core.internal.security.Tokens;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Access, correction (with e-mail re-verification) and restriction through the real core on a real database:
 * a restricted account's generations and uploads are refused before any credit is held or byte stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RightsFlowContract {
    private static final String PASSWORD = "a long password";
    private static final Pattern CODE = Pattern.compile("verification code: (\\S+)");
    private static final Preferences RESTRICTED = new Preferences(false, true, false);

    private TestPlatform platform;
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final MutableClock clock = new MutableClock(Instant.now());
    private ProfileServiceImpl profiles;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        profiles = new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, outbox, platform.reauth, clock);
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private static String email() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private Caller user() {
        return platform.register(email(), "1990-01-01");
    }

    private static GenerationSubmission image() {
        return new GenerationSubmission("text-to-image", "a lighthouse at dusk", null, null, 256, 256, null, 7L, null);
    }

    private static void refusedAsRestricted(Executable call) {
        AisoraException e = assertThrows(AisoraException.class, call);
        assertEquals("processing_restricted", e.code());
        assertEquals(AisoraException.Kind.FORBIDDEN, e.kind());
        assertEquals(403, e.kind().status());
    }

    private boolean logsIn(String email) {
        try {
            platform.accounts.login(email, PASSWORD, null);
            return true;
        } catch (AisoraException e) {
            assertEquals("invalid_credentials", e.code());
            return false;
        }
    }

    private static String codeIn(Notification mail) {
        Matcher m = CODE.matcher(mail.body());
        assertTrue(m.find(), "the mail carries the code");
        return m.group(1);
    }

    @Test
    void aRestrictedAccountCannotGenerateOrUploadButKeepsAccess() throws Exception {
        Caller ann = user();
        long blobsBefore = platform.blobFiles();
        long balance = platform.credits.summary(ann, 0, 10).balance();
        int ledgerEntries = platform.credits.summary(ann, 0, 100).entries().size();

        assertEquals(RESTRICTED, profiles.setPreferences(ann, RESTRICTED));
        refusedAsRestricted(() -> platform.generations.submit(ann, image(), null));
        refusedAsRestricted(() -> platform.generations.submit(ann, image(), "retry-key-1"));
        AtomicBoolean bodyRead = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(MediaFlowContract.png(64, 48)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                bodyRead.set(true);
                return super.read(b, off, len);
            }

            @Override
            public synchronized int read() {
                bodyRead.set(true);
                return super.read();
            }
        };
        refusedAsRestricted(() -> platform.media.upload(ann, body, "image/png", -1));

        assertFalse(bodyRead.get(), "not a byte of the upload was read");
        assertEquals(balance, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
        assertEquals(ledgerEntries, platform.credits.summary(ann, 0, 100).entries().size(), "no hold was posted");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", ann.accountId()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", ann.accountId()));
        assertEquals(blobsBefore, platform.blobFiles());

        // access, listing and the profile keep working while restricted
        assertTrue(profiles.profile(ann).preferences().processingRestricted());
        assertTrue(platform.generations.list(ann, 0, 10).isEmpty());
        assertTrue(platform.media.list(ann, 0, 10).isEmpty());

        profiles.setPreferences(ann, Preferences.DEFAULTS);
        GenerationView job = platform.generations.submit(ann, image(), null);
        assertEquals(balance - job.cost(), platform.credits.summary(ann, 0, 10).balance());
        GenerationView done = platform.await(ann, job.id(), v -> !v.status().equals("queued")
                && !v.status().equals("running"));
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        byte[] png = MediaFlowContract.png(64, 48);
        MediaView upload = platform.media.upload(ann, new ByteArrayInputStream(png), "image/png", png.length);
        assertEquals("upload", upload.kind());
        assertTrue(platform.blobFiles() > blobsBefore);
    }

    @Test
    void restrictingLaterKeepsWhatExistsReadable() throws Exception {
        Caller bea = user();
        byte[] png = MediaFlowContract.png(64, 48);
        MediaView upload = platform.media.upload(bea, new ByteArrayInputStream(png), "image/png", png.length);
        profiles.setPreferences(bea, new Preferences(true, true, true));
        assertEquals(upload.id(), platform.media.get(bea, upload.id()).id());
        try (InputStream in = platform.media.content(bea, upload.id()).open()) {
            assertEquals(png.length, in.readAllBytes().length);
        }
        assertEquals(1, platform.media.list(bea, 0, 10).size());
        refusedAsRestricted(() -> platform.media.upload(bea, new ByteArrayInputStream(png), "image/png", png.length));
        platform.media.delete(bea, upload.id());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", bea.accountId()));
    }

    @Test
    void preferencesDefaultToOffAndAreReadableByOtherCode() {
        Caller cid = user();
        assertEquals(Preferences.DEFAULTS, profiles.preferences(cid.accountId()));
        assertEquals(Preferences.DEFAULTS, profiles.profile(cid).preferences());
        profiles.setPreferences(cid, new Preferences(true, false, true));
        assertTrue(profiles.preferences(cid.accountId()).analyticsOptOut());
        assertEquals(new Preferences(true, false, true), profiles.profile(cid).preferences());
        assertEquals(Preferences.DEFAULTS, profiles.preferences(UUID.randomUUID().toString()));
        assertEquals("missing_body", assertThrows(AisoraException.class,
                () -> profiles.setPreferences(cid, null)).code());
        assertEquals(new Preferences(true, false, true), profiles.preferences(cid.accountId()));
    }

    @Test
    void theProfileShowsWhatWasRegistered() {
        String email = email();
        platform.accounts.register(new Registration("Dora Dee", email, "+41 44 000 00 00", PASSWORD, "1988-03-04",
                TestPlatform.POLICY), null);
        Caller dora = platform.accounts.authenticate(platform.accounts.login(email, PASSWORD, null).token())
                .orElseThrow();
        ProfileView me = profiles.profile(dora);
        assertEquals(dora.accountId(), me.id());
        assertEquals("Dora Dee", me.name());
        assertEquals(email, me.email());
        assertEquals("+41 44 000 00 00", me.contact());
        assertEquals("user", me.role());
        assertEquals("free", me.plan());
        assertEquals(TestPlatform.POLICY, me.acceptedPolicyVersion());
        assertEquals(Preferences.DEFAULTS, me.preferences());
        assertNull(me.pendingEmail());
        assertEquals(platform.accounts.me(dora).createdAt(), me.createdAt());
    }

    @Test
    void theRetentionShownIsTheActivePolicysAndFollowsASwap() {
        Caller ann = user();
        ProfileView me = profiles.profile(ann);
        assertEquals("standard", me.retention().policy());
        assertEquals("free", me.retention().plan());
        assertEquals(7 * 24L, me.retention().hours().get("original_upload"), me.retention().toString());
        assertEquals(7 * 24L, me.retention().hours().get("thumbnail"));

        // an operator swaps the policy: what /me shows is what the new policy enforces, not the plan catalogue
        org.aisora.api.policy.RetentionPolicy strict = new org.aisora.api.policy.RetentionPolicy() {
            @Override
            public String id() {
                return "strict-test";
            }

            @Override
            public java.time.Duration retention(String plan, org.aisora.api.policy.ArtifactKind kind) {
                return java.time.Duration.ofHours(24);
            }
        };
        org.aisora.core.internal.plugins.PluginRegistry swapped = new org.aisora.core.internal.plugins.PluginRegistry(
                org.aisora.core.internal.TestConfig.of(org.aisora.core.internal.plugins.PluginChoices.class,
                        Map.of("retention.policy", "strict-test")));
        swapped.families().retention.add(strict, Map.of());
        ProfileView afterSwap = new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(),
                platform.db.preferences(), swapped, outbox, platform.reauth, clock).profile(ann);
        assertEquals("strict-test", afterSwap.retention().policy());
        assertEquals(24L, afterSwap.retention().hours().get("original_upload"));
        assertEquals(24L, afterSwap.retention().hours().get("operational_log"));
    }

    @Test
    void correctionsAreCheckedFieldByFieldAndARefusalChangesNothing() {
        Caller eve = user();
        ProfileView before = profiles.profile(eve);
        Map<String, ProfileChange> refusals = Map.of(
                "invalid_name", new ProfileChange("  ", null, null),
                "invalid_name ", new ProfileChange("x".repeat(101), null, null),
                "invalid_name  ", new ProfileChange("Eve\u0000", null, null),
                "invalid_contact", new ProfileChange("Eve Valid", null, "c".repeat(201)),
                "invalid_contact ", new ProfileChange(null, null, "line\nbreak"),
                "invalid_email", new ProfileChange("Eve Valid", "not-an-address", null),
                "invalid_email ", new ProfileChange(null, "a@b", "+1 555"),
                "email_taken", new ProfileChange("Eve Valid", platform.register(email(), "1991-01-01").email(), null,
                        TestPlatform.PASSWORD));
        refusals.forEach((code, change) -> {
            AisoraException e = assertThrows(AisoraException.class, () -> profiles.correct(eve, change));
            assertEquals(code.strip(), e.code(), change.toString());
            assertEquals(code.startsWith("email_taken") ? 409 : 400, e.kind().status());
            assertEquals(before, profiles.profile(eve), "nothing changed for " + change);
        });
        assertEquals("missing_body", assertThrows(AisoraException.class, () -> profiles.correct(eve, null)).code());
        assertTrue(outbox.to(eve.email()).isEmpty());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM account_email_changes WHERE account_id = ?",
                eve.accountId()));

        ProfileView named = profiles.correct(eve, new ProfileChange("  Eve Example ", null, "+33 1 00 00 00 00"));
        assertEquals("Eve Example", named.name());
        assertEquals("+33 1 00 00 00 00", named.contact());
        assertEquals(before.email(), named.email());
        ProfileView cleared = profiles.correct(eve, new ProfileChange(null, null, ""));
        assertNull(cleared.contact());
        assertEquals("Eve Example", cleared.name());
        // nothing but name, e-mail and contact can be corrected: role, plan and credits stay
        assertEquals("user", cleared.role());
        assertEquals("free", cleared.plan());
        assertEquals(before.createdAt(), cleared.createdAt());
        assertEquals(100, platform.credits.summary(eve, 0, 10).balance());
    }

    @Test
    void aNewEmailCountsOnlyOnceItsCodeComesBack() {
        Caller fay = user();
        String old = fay.email();
        String wanted = email();
        ProfileView pending = profiles.correct(fay, new ProfileChange(null, " " + wanted.toUpperCase() + " ", null,
                TestPlatform.PASSWORD));
        assertEquals(old, pending.email());
        assertEquals(wanted, pending.pendingEmail());
        assertEquals(1, outbox.to(wanted).size(), "the code goes to the new address only");
        assertTrue(outbox.to(old).isEmpty());
        String code = codeIn(outbox.to(wanted).get(0));
        assertTrue(code.length() >= 22, "at least 128 bits");
        // only the code's hash is stored
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM account_email_changes WHERE account_id = ?"
                + " AND code_hash = ?", fay.accountId(), Tokens.sha256Hex(code)));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM account_email_changes WHERE code_hash = ?"
                + " OR new_email = ?", code, code));

        assertTrue(logsIn(old), "the old address works until the new one is verified");
        assertFalse(logsIn(wanted));
        for (String wrong : new String[] {"nope", "", code + "x", code.substring(1), "x".repeat(500)}) {
            assertEquals("invalid_code", assertThrows(AisoraException.class,
                    () -> profiles.verifyEmail(fay, wrong)).code());
        }
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> profiles.verifyEmail(fay, null)).code());
        Caller other = user();
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> profiles.verifyEmail(other, code)).code(), "a code works for its own account only");
        assertEquals(old, profiles.profile(fay).email());

        ProfileView switched = profiles.verifyEmail(fay, code);
        assertEquals(wanted, switched.email());
        assertNull(switched.pendingEmail());
        assertFalse(logsIn(old));
        assertTrue(logsIn(wanted));
        assertEquals(1, outbox.to(old).size(), "the old address is told of the change");
        assertFalse(outbox.to(old).get(0).body().contains(code));
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> profiles.verifyEmail(fay, code)).code(), "a code works once");
        assertEquals(wanted, platform.accounts.authenticate(platform.accounts.login(wanted, PASSWORD, null).token())
                .orElseThrow().email());
    }

    @Test
    void anExpiredOrReplacedCodeIsRefused() {
        Caller gil = user();
        String first = email();
        profiles.correct(gil, new ProfileChange(null, first, null, TestPlatform.PASSWORD));
        String firstCode = codeIn(outbox.to(first).get(0));
        String second = email();
        RateLimitedException tooSoon = assertThrows(RateLimitedException.class,
                () -> profiles.correct(gil, new ProfileChange("Gil Renamed", second, null, TestPlatform.PASSWORD)));
        assertEquals("email_change_too_soon", tooSoon.code());
        assertEquals(429, tooSoon.kind().status());
        assertTrue(tooSoon.retryAfterSeconds() >= 1 && tooSoon.retryAfterSeconds() <= 61);
        assertTrue(outbox.to(second).isEmpty(), "one verification mail per minute");
        assertEquals(first, profiles.profile(gil).pendingEmail());
        assertEquals("Test User", profiles.profile(gil).name(), "a refused change changes nothing");

        Duration moved = Duration.ZERO;
        try {
            clock.advance(Duration.ofSeconds(61));
            moved = moved.plusSeconds(61);
            profiles.correct(gil, new ProfileChange(null, second, null, TestPlatform.PASSWORD));
            String secondCode = codeIn(outbox.to(second).get(0));
            assertEquals("invalid_code", assertThrows(AisoraException.class,
                    () -> profiles.verifyEmail(gil, firstCode)).code(), "a newer request replaces the older code");

            clock.advance(Duration.ofHours(24).plusSeconds(1));
            moved = moved.plus(Duration.ofHours(24).plusSeconds(1));
            assertEquals("invalid_code", assertThrows(AisoraException.class,
                    () -> profiles.verifyEmail(gil, secondCode)).code());
            ProfileView me = profiles.profile(gil);
            assertEquals(gil.email(), me.email());
            assertNull(me.pendingEmail(), "an expired change no longer waits");
            assertTrue(logsIn(gil.email()));
        } finally {
            clock.advance(moved.negated());
        }
    }

    @Test
    void anAddressTakenMeanwhileIsRefusedAtVerification() {
        Caller hal = user();
        String wanted = email();
        profiles.correct(hal, new ProfileChange(null, wanted, null, TestPlatform.PASSWORD));
        String code = codeIn(outbox.to(wanted).get(0));
        platform.register(wanted, "1985-06-07");

        AisoraException e = assertThrows(AisoraException.class, () -> profiles.verifyEmail(hal, code));
        assertEquals("email_taken", e.code());
        assertEquals(409, e.kind().status());
        assertEquals(hal.email(), profiles.profile(hal).email());
        assertTrue(logsIn(hal.email()));
    }

    @Test
    void askingForTheCurrentAddressCancelsAPendingChange() {
        Caller ida = user();
        String wanted = email();
        profiles.correct(ida, new ProfileChange(null, wanted, null, TestPlatform.PASSWORD));
        String code = codeIn(outbox.to(wanted).get(0));
        ProfileView back = profiles.correct(ida, new ProfileChange(null, ida.email().toUpperCase(), null));
        assertNull(back.pendingEmail());
        assertEquals(1, outbox.to(wanted).size());
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> profiles.verifyEmail(ida, code)).code());
    }

    @Test
    void anOperatorOverviewCountsJobsAndMedia() throws Exception {
        Caller jo = user();
        GenerationView job = platform.generations.submit(jo, image(), null);
        platform.await(jo, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
        byte[] png = MediaFlowContract.png(32, 32);
        platform.media.upload(jo, new ByteArrayInputStream(png), "image/png", png.length);

        AccountOverview overview = profiles.overview(" " + jo.email().toUpperCase());
        assertEquals(jo.accountId(), overview.profile().id());
        assertEquals(1, overview.jobs());
        assertEquals(2, overview.media(), "one output and one upload; thumbnails are not counted");
        assertNotNull(overview.profile().preferences());
        assertEquals("not_found", assertThrows(AisoraException.class, () -> profiles.overview(email())).code());
    }

    @Test
    void withoutAMailOutboxAnEmailChangeIs503AndNothingChanges() {
        ProfileServiceImpl mailless = new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(),
                platform.db.preferences(), platform.registry, null, platform.reauth, clock);
        Caller kit = user();
        ProfileView before = mailless.profile(kit);
        AisoraException e = assertThrows(AisoraException.class,
                () -> mailless.correct(kit, new ProfileChange("Kit Renamed", email(), null,
                        TestPlatform.PASSWORD)));
        assertEquals("mail_unavailable", e.code());
        assertEquals(503, e.kind().status());
        assertEquals(before, mailless.profile(kit));
        assertEquals("Kit Renamed", mailless.correct(kit, new ProfileChange("Kit Renamed", null, null)).name());
        assertEquals(RESTRICTED, mailless.setPreferences(kit, RESTRICTED));
    }
}
