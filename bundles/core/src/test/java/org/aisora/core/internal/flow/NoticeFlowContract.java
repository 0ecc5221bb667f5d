package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import javax.mail.Message;
import javax.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.aisora.api.notify.Notification;
import org.aisora.api.notify.Notifier;
import org.aisora.api.service.PolicyPublication;
import org.aisora.api.store.AccountRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.notify.MailConfiguration;
import org.aisora.core.internal.notify.MailDispatcher;
import org.aisora.core.internal.notify.MailOutboxImpl;
import org.aisora.core.internal.policy.PolicyServiceImpl;
import org.aisora.notify.smtp.internal.SmtpConfig;
import org.aisora.notify.smtp.internal.SmtpNotifier;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy notices end to end: publish on the real stores, the outbox, the dispatcher, the real SMTP
 * notifier and a real SMTP server in-process (GreenMail). The acceptance: every active user gets
 * the notice exactly once, across a node that dies mid-batch and a new one that takes over.
 */
abstract class NoticeFlowContract {
    static final String TEXT = "Privacy policy, version 2.\n\nWe collect less.\n";
    private TestPlatform platform;
    private GreenMail greenMail;
    private PolicyServiceImpl policies;

    abstract TestStores database();

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        greenMail.setUser("mailer@example.org", "mailer", "hunter2-secret");
        policies = new PolicyServiceImpl(platform.registry, platform.db.policies(), platform.db.accounts(),
                new MailOutboxImpl(platform.db.outbox()), java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        greenMail.stop();
        platform.close();
    }

    private SmtpNotifier smtp(int port) {
        return new SmtpNotifier(TestConfig.of(SmtpConfig.class, Map.of("host", "127.0.0.1", "port", port,
                "from", "privacy@example.org", "starttls", "off", "username", "mailer", "_password", "hunter2-secret",
                "read_timeout_ms", 5000)));
    }

    private static MailConfiguration config(int batch, int maxAttempts) {
        return TestConfig.of(MailConfiguration.class, Map.of("mail_batch", batch, "mail_max_attempts", maxAttempts, "mail_interval_ms", 20L,
                "mail_lease_seconds", 60L, "mail_retry_base_seconds", 30L, "mail_retry_max_seconds", 600L));
    }

    private List<String> seedAccounts(int n) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = String.format("user%04d-%s@example.org", i, UUID.randomUUID().toString().substring(0, 6));
            platform.db.accounts().insert(new AccountRecord(UUID.randomUUID().toString(), email, "User " + i, null,
                    "not-a-real-hash", 1990, "user", "free", TestPlatform.POLICY, Instant.now()));
            emails.add(email);
        }
        return emails;
    }

    private long rows(String status) {
        return platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE status = ?", status);
    }

    private static int drain(MailDispatcher dispatcher) {
        int claimed = 0;
        for (int n = dispatcher.runOnce(); n > 0; n = dispatcher.runOnce()) {
            claimed += n;
        }
        return claimed;
    }

    /** Not an Exception: the dispatcher handles none of it, as if the process had gone. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    /** A notifier that passes {@code allowed} messages on and then dies, like the process sending them. */
    static final class DyingNotifier implements Notifier {
        final Notifier delegate;
        final int allowed;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean dead;

        DyingNotifier(Notifier delegate, int allowed) {
            this.delegate = delegate;
            this.allowed = allowed;
        }

        @Override
        public String id() {
            return "dying";
        }

        @Override
        public void send(Notification n) throws IOException {
            if (calls.incrementAndGet() > allowed) {
                dead = true;
                throw new Crash(); // nothing after this point runs on the sending thread
            }
            delegate.send(n);
        }
    }

    @Test
    void aPublishedPolicyReachesEveryUserExactlyOnceAcrossACrashMidBatch() throws Exception {
        List<String> emails = seedAccounts(200);
        PolicyPublication published = policies.publish("2026-12-01", TEXT, "We collect less.");
        assertEquals(200, published.noticesQueued());
        assertEquals(200, rows("queued"));

        // node 1 sends on its own scheduler, 25 a batch, and dies on the 61st message (in its third batch)
        DyingNotifier dying = new DyingNotifier(smtp(greenMail.getSmtp().getPort()), 60);
        MailDispatcher node1 = new MailDispatcher(platform.db.outbox(), () -> Optional.of(dying), config(25, 5),
                java.time.Clock.systemUTC(), true);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!dying.dead && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        node1.kill();
        assertTrue(dying.dead, "node 1 reached its crash point");
        assertEquals(60, greenMail.getReceivedMessages().length);
        assertEquals(60, rows("sent"));
        assertEquals(15, rows("sending"), "the rest of the dead node's batch is still leased to it");
        assertEquals(125, rows("queued"));

        // node 2 starts over the same database: it sends what was queued, but not the leased rows yet
        MutableClock clock = new MutableClock(Instant.now());
        MailDispatcher node2 = new MailDispatcher(platform.db.outbox(),
                () -> Optional.of(smtp(greenMail.getSmtp().getPort())), config(25, 5), clock, false);
        assertEquals(125, drain(node2));
        assertEquals(185, greenMail.getReceivedMessages().length);
        assertEquals(15, rows("sending"));

        // once the dead node's lease has expired, node 2 takes its rows over
        clock.advance(Duration.ofSeconds(61));
        assertEquals(15, drain(node2));
        assertEquals(0, drain(node2), "nothing left to claim");

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(200, received.length, "exactly one message per user");
        Set<String> recipients = new HashSet<>();
        for (MimeMessage m : received) {
            recipients.add(m.getRecipients(Message.RecipientType.TO)[0].toString());
            assertTrue(m.getSubject().contains("2026-12-01"), m.getSubject());
        }
        assertEquals(new HashSet<>(emails), recipients, "one per address, every address");
        assertEquals(200, rows("sent"));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key NOT LIKE ?",
                "policy:2026-12-01:%"));
    }

    @Test
    void aDuplicateVersionIsRefusedAndChangesNothing() {
        seedAccounts(3);
        // an address the outbox refuses (no dot in the domain) is skipped, not a reason to stop the others
        platform.db.accounts().insert(new AccountRecord(UUID.randomUUID().toString(), "odd@localhost", "Odd", null,
                "not-a-real-hash", 1990, "user", "free", TestPlatform.POLICY, Instant.now()));
        assertEquals(3, policies.publish("v2", TEXT, null).noticesQueued());
        long before = platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox");
        var e = assertThrows(org.aisora.api.error.AisoraException.class, () -> policies.publish("v2", "other text", "x"));
        assertEquals("policy_version_exists", e.code());
        assertEquals(409, e.kind().status());
        assertEquals(before, platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox"));
        assertEquals(TEXT, policies.currentPrivacyPolicy().text());
        for (String[] bad : new String[][] {{"", TEXT}, {"v 3", TEXT}, {"v3\n", TEXT}, {"v3", ""}, {"v3", "  "}}) {
            assertEquals(400, assertThrows(org.aisora.api.error.AisoraException.class,
                    () -> policies.publish(bad[0], bad[1], null)).kind().status());
        }
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM policy_versions"));
    }

    @Test
    void aFailingRelayIsRetriedWithBackoffUntilItAnswersOrAttemptsRunOut() throws Exception {
        List<String> emails = seedAccounts(3);
        policies.publish("2027-01", TEXT, null);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AtomicReference<Notifier> active = new AtomicReference<>(smtp(closedPort));
        MutableClock clock = new MutableClock(Instant.now());
        MailDispatcher dispatcher = new MailDispatcher(platform.db.outbox(), () -> Optional.of(active.get()),
                config(10, 3), clock, false);

        assertEquals(3, dispatcher.runOnce());
        assertEquals(3, rows("queued"));
        assertEquals(3, platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1"
                + " AND last_error IS NOT NULL AND next_attempt_at > ?", clock.instant().toEpochMilli()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE last_error LIKE ?", "%hunter2%"));
        assertEquals(0, dispatcher.runOnce(), "not due again before the backoff");

        clock.advance(Duration.ofMinutes(11));
        assertEquals(3, dispatcher.runOnce(), "second attempt, still failing");
        active.set(smtp(greenMail.getSmtp().getPort()));
        clock.advance(Duration.ofMinutes(11));
        assertEquals(3, dispatcher.runOnce());
        assertEquals(3, rows("sent"));
        assertEquals(3, greenMail.getReceivedMessages().length);

        // a message that keeps failing is given up after mail_max_attempts
        new MailOutboxImpl(platform.db.outbox(), clock).enqueue("test:bounce", null,
                new Notification(emails.get(0), "bounce", "body"));
        active.set(smtp(closedPort));
        for (int i = 0; i < 3; i++) {
            assertEquals(1, dispatcher.runOnce());
            clock.advance(Duration.ofMinutes(11));
        }
        assertEquals(1, rows("failed"));
        assertEquals(0, dispatcher.runOnce(), "a failed message is not tried again");
        assertEquals(3, greenMail.getReceivedMessages().length);
    }

    @Test
    void withoutANotifierMailWaitsQueuedAndLeavesWhenOneIsInstalled() throws Exception {
        seedAccounts(5);
        policies.publish("2027-02", TEXT, null);
        AtomicReference<Notifier> installed = new AtomicReference<>();
        MailDispatcher dispatcher = new MailDispatcher(platform.db.outbox(), () -> Optional.ofNullable(installed.get()),
                config(10, 3), java.time.Clock.systemUTC(), false);
        assertEquals(0, dispatcher.runOnce());
        assertEquals(5, platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE status = 'queued' AND attempts = 0"));

        installed.set(smtp(greenMail.getSmtp().getPort()));
        assertEquals(5, drain(dispatcher));
        assertEquals(5, greenMail.getReceivedMessages().length);
    }

    @Test
    void acceptancesAreRecordedAtRegistrationAndOnRequestOncePerVersion() {
        var ann = platform.register("ann-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org", "1990-01-01");
        assertEquals(List.of(TestPlatform.POLICY), versions(ann));

        var e = assertThrows(org.aisora.api.error.AisoraException.class, () -> policies.accept(ann, "1999-01", null));
        assertEquals("unknown_policy_version", e.code());
        assertEquals(422, e.kind().status());

        policies.publish("2027-03", TEXT, "summary");
        var view = policies.currentPrivacyPolicy();
        assertEquals("2027-03", view.version());
        assertEquals(TEXT, view.text());
        assertNotNull(view.sha256());
        var first = policies.accept(ann, "2027-03", new org.aisora.api.service.ClientInfo("203.0.113.9", "ua"));
        var again = policies.accept(ann, "2027-03", null);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.acceptance(), again.acceptance(), "a repeat keeps the first record");
        assertEquals(List.of(TestPlatform.POLICY, "2027-03"), versions(ann));

        // registration now has to accept the newest published version, and records it
        var refused = assertThrows(org.aisora.api.error.AisoraException.class, () -> platform.register(
                "bob-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org", "1990-01-01"));
        assertEquals("policy_not_accepted", refused.code());

        assertEquals(2, platform.db.policies().byAccount(ann.accountId()).size());
        assertEquals(2, platform.db.policies().deleteByAccount(ann.accountId()));
        assertEquals(List.of(), versions(ann));
    }

    private List<String> versions(org.aisora.api.service.Caller caller) {
        return policies.acceptances(caller).stream().map(a -> a.version()).toList();
    }

}
