package org.aisora.notify.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import javax.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.aisora.api.notify.Notification;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP notifier against GreenMail, a real SMTP server on loopback, and a scripted relay for refusals. */
class SmtpNotifierTest {
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        greenMail.setUser("mailer@example.org", "mailer", "s3cret-pass");
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private SmtpNotifier notifier(int port, Map<String, Object> extra) {
        Map<String, Object> cfg = new HashMap<>(Map.of("host", "127.0.0.1", "port", port,
                "from", "privacy@example.org", "starttls", "off", "read_timeout_ms", 5000));
        cfg.putAll(extra);
        return new SmtpNotifier(Configs.of(SmtpConfig.class, cfg));
    }

    @Test
    void sendsOneMessageWithSubjectAndBodyIntact() throws Exception {
        SmtpNotifier smtp = notifier(greenMail.getSmtp().getPort(), Map.of());
        String body = "Hello Zoë,\n.a line starting with a dot\nversion 2 — 日本語\n";
        smtp.send(new Notification("ann@example.org", "Policy changed — version 2 ✓", body));

        MimeMessage[] got = greenMail.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("ann@example.org", got[0].getAllRecipients()[0].toString());
        assertEquals("Policy changed — version 2 ✓", got[0].getSubject());
        assertEquals(body.replace("\n", "\r\n"), got[0].getContent().toString());
        assertEquals("privacy@example.org", got[0].getFrom()[0].toString());
        assertEquals(PluginHealth.online(), smtp.health());
    }

    @Test
    void authenticatesWithTheConfiguredAccountAndRefusesAWrongPassword() throws Exception {
        int port = greenMail.getSmtp().getPort();
        notifier(port, Map.of("username", "mailer", "_password", "s3cret-pass"))
                .send(new Notification("bob@example.org", "hi", "body"));
        assertEquals(1, greenMail.getReceivedMessages().length);

        SmtpNotifier wrong = notifier(port, Map.of("username", "mailer", "_password", "not-the-password"));
        IOException e = assertThrows(IOException.class, () -> wrong.send(new Notification("bob@example.org", "hi", "b")));
        assertTrue(e.getMessage().contains("authentication refused"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), "no credentials in errors");
        assertEquals(1, greenMail.getReceivedMessages().length, "nothing sent without a successful AUTH");
        assertEquals(PluginHealth.Status.DEGRADED, wrong.health().status());
        assertFalse(wrong.health().reason().contains("not-the-password"));
    }

    @Test
    void starttlsRequiredRefusesARelayWithoutItBeforeSendingAnything() {
        SmtpNotifier smtp = notifier(greenMail.getSmtp().getPort(), Map.of("starttls", "required",
                "username", "mailer", "_password", "s3cret-pass"));
        IOException e = assertThrows(IOException.class, () -> smtp.send(new Notification("c@example.org", "s", "b")));
        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void starttlsOptionalNeverSendsThePasswordInPlainText() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> line.startsWith("EHLO")
                ? "250-scripted\r\n250 AUTH PLAIN LOGIN" : null)) {
            SmtpNotifier smtp = notifier(relay.port(), Map.of("starttls", "optional", "username", "mailer",
                    "_password", "s3cret-pass"));
            IOException e = assertThrows(IOException.class, () -> smtp.send(new Notification("c@example.org", "s", "b")));
            assertTrue(e.getMessage().contains("plain text"), e.getMessage());
            assertTrue(relay.received.stream().noneMatch(l -> l.startsWith("AUTH")), relay.received.toString());
        }
    }

    @Test
    void anAccountIsNotUsedWithARelayThatOffersNoAuth() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> line.startsWith("EHLO") ? "250-scripted\r\n250 8BITMIME" : null)) {
            SmtpNotifier smtp = notifier(relay.port(), Map.of("username", "mailer", "_password", "s3cret-pass"));
            IOException e = assertThrows(IOException.class, () -> smtp.send(new Notification("c@example.org", "s", "b")));
            assertTrue(e.getMessage().contains("does not offer AUTH"), e.getMessage());
            assertTrue(relay.received.stream().noneMatch(l -> l.startsWith("MAIL")), relay.received.toString());
        }
    }

    @Test
    void aRefusedRecipientIsAnIOExceptionWithTheRelaysReply() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> line.startsWith("RCPT") ? "550 5.1.1 no such user" : null)) {
            SmtpNotifier smtp = notifier(relay.port(), Map.of());
            IOException e = assertThrows(IOException.class, () -> smtp.send(new Notification("gone@example.org", "s", "b")));
            assertTrue(e.getMessage().contains("550"), e.getMessage());
            assertTrue(relay.received.stream().noneMatch(l -> l.equals("DATA")), "no DATA after a refused RCPT");
        }
    }

    @Test
    void theHeadersAreOursAndASubjectCannotAddOne() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> null)) {
            SmtpNotifier smtp = new SmtpNotifier(SmtpSettings.of(Configs.of(SmtpConfig.class, Map.of("host", "127.0.0.1",
                    "port", relay.port(), "from", "privacy@example.org", "starttls", "off"))),
                    Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC), (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault());
            smtp.send(new Notification("ann@example.org", "Hi\r\nBcc: eve@example.net", "x".repeat(300)));

            List<String> lines = relay.received;
            List<String> headers = lines.subList(lines.indexOf("DATA") + 1, lines.indexOf(""));
            assertTrue(headers.contains("Date: Sun, 1 Mar 2026 10:15:30 GMT"), headers.toString());
            assertTrue(headers.contains("From: privacy@example.org"), headers.toString());
            assertTrue(headers.contains("To: ann@example.org"), headers.toString());
            assertTrue(headers.contains("Subject: Hi Bcc: eve@example.net"), headers.toString());
            assertTrue(headers.stream().anyMatch(h -> h.matches("Message-ID: <[0-9a-f-]{36}@example\\.org>")), headers.toString());
            assertTrue(headers.contains("Content-Type: text/plain; charset=UTF-8"), headers.toString());
            assertTrue(headers.contains("Content-Transfer-Encoding: base64"), headers.toString());
            assertTrue(headers.stream().noneMatch(h -> h.startsWith("Bcc")), headers.toString());
            assertTrue(lines.stream().allMatch(l -> l.length() <= 78), "no line over the limit");
        }
    }

    @Test
    void aSubjectThatIsNotPlainAsciiIsFoldedEncodedWords() {
        String encoded = MailMessage.subject("日本語 ".repeat(20) + "=?x?=");
        for (String line : encoded.split("\r\n")) {
            assertTrue(line.strip().matches("(=\\?UTF-8\\?B\\?[A-Za-z0-9+/=]+\\?= ?)+"), line);
            assertTrue(line.length() <= 76, line);
        }
        assertEquals("=?UTF-8?B?PT94Pz0=?=", MailMessage.subject("=?x?="), "text that looks encoded is encoded");
        assertEquals("plain subject", MailMessage.subject(" plain\tsubject\n"));
    }

    @Test
    void anUnreachableRelayIsAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SmtpNotifier smtp = notifier(port, Map.of());
        assertThrows(IOException.class, () -> smtp.send(new Notification("d@example.org", "s", "b")));
    }

    @Test
    void aRecipientThatCouldInjectCommandsIsRefusedBeforeConnecting() {
        SmtpNotifier smtp = notifier(greenMail.getSmtp().getPort(), Map.of());
        for (String bad : new String[] {"a@example.org>\r\nRCPT TO:<b@example.org", "no-at-sign", "a b@example.org", ""}) {
            assertThrows(IllegalArgumentException.class, () -> smtp.send(new Notification(bad, "s", "b")), bad);
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aBadConfigurationIsReportedOfflineAndSendsNothing() {
        SmtpNotifier smtp = notifier(greenMail.getSmtp().getPort(), Map.of("from", "not an address"));
        assertEquals(PluginHealth.Status.OFFLINE, smtp.health().status());
        assertThrows(IOException.class, () -> smtp.send(new Notification("e@example.org", "s", "b")));
    }

    @Test
    void aRelayElsewhereIsAThirdPartyAndOneOnThisMachineIsNot() {
        org.aisora.api.plugin.DataTransfer relay = new SmtpNotifier(Configs.of(SmtpConfig.class, Map.of("host",
                "smtp.relay.example.net", "port", 587, "from", "privacy@example.org"))).dataTransfer().orElseThrow();
        assertEquals("smtp.relay.example.net", relay.vendor());
        assertEquals(java.util.List.of("e-mail address", "message contents"), relay.dataCategories());
        assertEquals(java.util.Optional.empty(), notifier(25, Map.of()).dataTransfer(), "127.0.0.1 is ours");
        assertEquals(java.util.Optional.empty(), notifier(25, Map.of("host", "localhost")).dataTransfer());
    }
}
