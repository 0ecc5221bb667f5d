package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.notify.Notification;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.Registration;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.accounts.AccountServiceImpl;
import org.aisora.core.internal.accounts.EmailVerifications;
import org.aisora.core.internal.accounts.ProfileServiceImpl;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.security.SecurityConfiguration;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * E-mail verification at sign-up through the real core on a real database: an unverified account signs in, reads
 * and deletes, but generating, uploading and buying answer 403 email_unverified; the mailed code works once, expires
 * and allows few attempts; the sign-up grant is posted at verification, once, however many verifications race;
 * accounts.verify.email=false verifies (and grants) at sign-up; aisora:user-verify's service verifies by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmailVerificationFlowContract {
    private static final Pattern CODE = Pattern.compile("verification code: (\\S+)");
    private static final long GRANT = 100;

    private TestPlatform platform;
    private BillingServiceImpl billing;
    private final MutableClock clock = new MutableClock(Instant.now());
    /** The platform's verifications on a clock the tests move (expiry, resend interval). */
    private EmailVerifications verifications;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("accounts_verify_email", true));
        billing = new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.registry,
                (account, plan) -> 0,
                () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}),
                Clock.systemUTC());
        verifications = new EmailVerifications(platform.db.accounts(), platform.db.emailVerifications(),
                platform.db.ledger(), platform.plans, platform.security, platform.mail, clock);
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private static String email() {
        return "v" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static GenerationSubmission image() {
        return new GenerationSubmission("text-to-image", "a lighthouse at dusk", null, null, 256, 256, null, 7L, null);
    }

    private static void refusedAsUnverified(Executable call) {
        AisoraException e = assertThrows(AisoraException.class, call);
        assertEquals("email_unverified", e.code());
        assertEquals(403, e.kind().status());
    }

    private static void refused(String code, Executable call) {
        assertEquals(code, assertThrows(AisoraException.class, call).code());
    }

    private List<String> codesMailedTo(String address) {
        List<String> codes = new ArrayList<>();
        for (Notification mail : platform.mail.to(address)) {
            Matcher m = CODE.matcher(mail.body());
            assertTrue(m.find(), "the mail carries the code");
            codes.add(m.group(1));
        }
        return codes;
    }

    private String lastCode(String address) {
        List<String> codes = codesMailedTo(address);
        assertFalse(codes.isEmpty(), "a code was mailed to " + address);
        return codes.get(codes.size() - 1);
    }

    private long balance(Caller caller) {
        return platform.credits.summary(caller, 0, 10).balance();
    }

    private long signupGrants(Caller caller) {
        return platform.credits.summary(caller, 0, 100).entries().stream()
                .filter(e -> "signup grant".equals(e.memo())).count();
    }

    @Test
    void anUnverifiedAccountSignsInReadsAndDeletesButCannotGenerateUploadOrBuy() throws Exception {
        String address = email();
        Caller ann = platform.register(address, "1990-01-01");
        assertFalse(platform.accounts.me(ann).emailVerified());
        assertEquals(1, codesMailedTo(address).size(), "one code mailed at sign-up");
        assertEquals(0, balance(ann), "no grant before verification");

        refusedAsUnverified(() -> platform.generations.submit(ann, image(), null));
        refusedAsUnverified(() -> platform.generations.submit(ann, image(), "retry-key"));
        AtomicBoolean bodyRead = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(MediaFlowContract.png(64, 48)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                bodyRead.set(true);
                return super.read(b, off, len);
            }
        };
        refusedAsUnverified(() -> platform.media.upload(ann, body, "image/png", -1));
        assertFalse(bodyRead.get(), "refused before a byte of the upload was read");
        refusedAsUnverified(() -> billing.checkout(ann, "pack-100", "buy-1"));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", ann.accountId()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM billing_checkouts WHERE account_id = ?",
                ann.accountId()));

        // reading: the account, its profile, its (empty) jobs, media and credits
        assertFalse(new ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, platform.mail, platform.reauth, clock).profile(ann).emailVerified());
        assertTrue(platform.generations.list(ann, 0, 10).isEmpty());
        assertTrue(platform.media.list(ann, 0, 10).isEmpty());
        // deleting
        assertNotNull(new PrivacyPlatform(platform).privacy.deleteAccount(ann, PrivacyPlatform.PASSWORD, null,
                PrivacyPlatform.CLIENT));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM account_email_verifications WHERE account_id = ?",
                ann.accountId()), "the code went with the account");
    }

    @Test
    void theMailedCodeVerifiesOncePostsTheGrantOnceAndOpensGeneration() throws Exception {
        String address = email();
        Caller bob = platform.register(address, "1990-01-01");
        String code = lastCode(address);

        refused("invalid_code", () -> platform.verifications.verify(bob, "not-the-code"));
        refused("invalid_code", () -> platform.verifications.verify(bob, " "));
        assertFalse(platform.accounts.me(bob).emailVerified());

        AccountView verified = platform.verifications.verify(bob, code);
        assertTrue(verified.emailVerified());
        assertTrue(platform.accounts.me(bob).emailVerified());
        assertEquals(GRANT, balance(bob));
        assertEquals(1, signupGrants(bob));

        refused("already_verified", () -> platform.verifications.verify(bob, code));
        refused("already_verified", () -> platform.verifications.resend(bob));
        assertTrue(platform.verifications.verifyByOperator(address).emailVerified());
        assertEquals(GRANT, balance(bob), "verified again by hand: no second grant");
        assertEquals(1, signupGrants(bob));

        String job = platform.generations.submit(bob, image(), null).id();
        assertEquals("succeeded", platform.await(bob, job, v -> !"queued".equals(v.status())
                && !"running".equals(v.status())).status());
        assertNotNull(billing.checkout(bob, "pack-100", "buy-1").sessionId());
    }

    @Test
    void anExpiredCodeIsRefusedAndANewOneWorks() {
        String address = email();
        Caller cy = platform.register(address, "1990-01-01");
        String first = lastCode(address);
        clock.set(Instant.now().plus(Duration.ofHours(25)));
        try {
            refused("invalid_code", () -> verifications.verify(cy, first));
            verifications.resend(cy);
            String second = lastCode(address);
            refused("invalid_code", () -> verifications.verify(cy, first));
            assertTrue(verifications.verify(cy, second).emailVerified());
            assertEquals(GRANT, balance(cy));
        } finally {
            clock.set(Instant.now());
        }
    }

    @Test
    void aNewCodeIsMailedAtMostOnceAMinuteAndReplacesTheOldOne() {
        String address = email();
        Caller dee = platform.register(address, "1990-01-01");
        String first = lastCode(address);
        clock.set(Instant.now());
        RateLimitedException tooSoon = assertThrows(RateLimitedException.class, () -> verifications.resend(dee));
        assertEquals("verification_too_soon", tooSoon.code());
        assertEquals(429, tooSoon.kind().status());
        assertEquals(1, codesMailedTo(address).size());

        clock.advance(Duration.ofSeconds(61));
        verifications.resend(dee);
        assertEquals(2, codesMailedTo(address).size());
        refused("invalid_code", () -> verifications.verify(dee, first));
        assertTrue(verifications.verify(dee, lastCode(address)).emailVerified());
    }

    @Test
    void fiveWrongCodesUseUpTheCodeEvenForTheRightOne() {
        String address = email();
        Caller eve = platform.register(address, "1990-01-01");
        String code = lastCode(address);
        for (int i = 0; i < 5; i++) {
            refused("invalid_code", () -> platform.verifications.verify(eve, "wrong-" + UUID.randomUUID()));
        }
        refused("code_attempts_exceeded", () -> platform.verifications.verify(eve, code));
        assertFalse(platform.accounts.me(eve).emailVerified());
        assertEquals(0, balance(eve));

        clock.set(Instant.now().plus(Duration.ofMinutes(2)));
        verifications.resend(eve);
        assertTrue(platform.verifications.verify(eve, lastCode(address)).emailVerified());
        assertEquals(GRANT, balance(eve));
    }

    @Test
    void concurrentVerificationsPostTheGrantOnce() throws Exception {
        String address = email();
        Caller fay = platform.register(address, "1990-01-01");
        String code = lastCode(address);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean byHand = i % 2 == 0;
                Callable<String> verify = () -> {
                    go.await();
                    try {
                        return byHand ? platform.verifications.verifyByOperator(address).emailVerified() + ""
                                : platform.verifications.verify(fay, code).emailVerified() + "";
                    } catch (AisoraException e) {
                        return e.code();
                    }
                };
                outcomes.add(pool.submit(verify));
            }
            go.countDown();
            for (Future<String> outcome : outcomes) {
                String result = outcome.get();
                assertTrue(Map.of("true", 1, "already_verified", 1, "invalid_code", 1).containsKey(result), result);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(platform.accounts.me(fay).emailVerified());
        assertEquals(GRANT, balance(fay));
        assertEquals(1, signupGrants(fay));
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'email_verified'"
                + " AND subject = ?", fay.accountId()), "one verification is recorded, by whichever won");
    }

    @Test
    void anOperatorVerifiesByHandAndTheGrantIsPostedOnce() {
        String address = email();
        Caller gus = platform.register(address, "1990-01-01");
        refused("not_found", () -> platform.verifications.verifyByOperator("nobody-" + address));
        AccountView verified = platform.verifications.verifyByOperator(address.toUpperCase());
        assertTrue(verified.emailVerified());
        assertEquals(GRANT, balance(gus));
        assertTrue(platform.verifications.verifyByOperator(address).emailVerified());
        assertEquals(1, signupGrants(gus));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM account_email_verifications WHERE account_id = ?",
                gus.accountId()), "the code is gone once verified");
        refused("already_verified", () -> platform.verifications.verify(gus, "anything"));
    }

    @Test
    void withVerificationOffAnAccountIsVerifiedAndGrantedAtSignUp() throws Exception {
        AccountServiceImpl open = new AccountServiceImpl(platform.db.accounts(), platform.db.sessions(),
                platform.verifications, platform.registry, platform.db.policies(), platform.security,
                TestConfig.of(SecurityConfiguration.class, Map.of("accounts_verify_email", false)), Clock.systemUTC());
        String address = email();
        AccountView account = open.register(new Registration("Hal", address, null, "a long password", "1990-01-01",
                TestPlatform.POLICY), null);
        assertTrue(account.emailVerified());
        assertTrue(codesMailedTo(address).isEmpty(), "no code mailed");
        Caller hal = open.authenticate(open.login(address, "a long password", null).token()).orElseThrow();
        assertEquals(GRANT, balance(hal));
        assertEquals(1, signupGrants(hal));
        assertNotNull(platform.generations.submit(hal, image(), null).id());
    }

    @Test
    void accountsFromBeforeTheCheckCountAsVerified() {
        String id = UUID.randomUUID().toString();
        // a row as V20 wrote it: no email_verified column given, so the migration's default decides
        platform.db.execute("INSERT INTO accounts (id, email, password_hash, role, plan, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, email(), "$argon2id$x", "user", "free", 0L);
        assertTrue(platform.db.accounts().findById(id).orElseThrow().emailVerified());
    }
}
