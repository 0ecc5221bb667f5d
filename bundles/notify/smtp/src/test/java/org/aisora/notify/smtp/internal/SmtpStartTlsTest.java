package org.aisora.notify.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.notify.Notification;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** STARTTLS through JavaMail against a relay with a real certificate: the upgrade, its verification, AUTH inside it. */
class SmtpStartTlsTest {

    private static SmtpNotifier notifier(int port, String host, String starttls, String trusted) throws Exception {
        Map<String, Object> cfg = new HashMap<>(Map.of("host", host, "port", port, "from", "privacy@example.org",
                "starttls", starttls, "username", "mailer", "_password", "s3cret-pass", "read_timeout_ms", 5000));
        return new SmtpNotifier(SmtpSettings.of(Configs.of(SmtpConfig.class, cfg)), Clock.systemUTC(),
                TestTls.trusting(trusted));
    }

    private static List<String> verbs(List<String> lines) {
        return lines.stream().map(l -> l.split("[ :]", 2)[0].toUpperCase(java.util.Locale.ROOT)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"required", "optional"})
    void upgradesToTlsThenAuthenticatesAndSendsInsideIt(String starttls) throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> null,
                TestTls.server(TestTls.LOOPBACK))) {
            SmtpNotifier smtp = notifier(relay.port(), "127.0.0.1", starttls, TestTls.LOOPBACK);
            smtp.send(new Notification("ann@example.org", "hello", "body"));

            assertEquals(List.of("EHLO", "STARTTLS"), verbs(relay.received).subList(0, 2), relay.received.toString());
            List<String> secured = verbs(relay.receivedOverTls);
            assertEquals(List.of("EHLO", "AUTH", "MAIL", "RCPT", "DATA"), secured.subList(0, 5), secured.toString());
            assertEquals(2, relay.received.size() - relay.receivedOverTls.size(), "nothing but EHLO and STARTTLS in clear");
            assertEquals(PluginHealth.online(), smtp.health());
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheRelayIsRefusedBeforeAuthOrMail() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> null, TestTls.server(TestTls.ELSEWHERE))) {
            // the certificate is trusted, but names relay.example.invalid, not 127.0.0.1
            SmtpNotifier smtp = notifier(relay.port(), "127.0.0.1", "required", TestTls.ELSEWHERE);
            IOException e = assertThrows(IOException.class, () -> smtp.send(new Notification("b@example.org", "s", "b")));
            assertTrue(e.getMessage().contains("TLS"), e.getMessage());
            assertTrue(verbs(relay.received).stream().noneMatch(v -> v.equals("AUTH") || v.equals("MAIL")),
                    relay.received.toString());
            assertEquals(PluginHealth.Status.DEGRADED, smtp.health().status());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (ScriptedRelay relay = new ScriptedRelay(line -> null, TestTls.server(TestTls.LOOPBACK))) {
            SmtpNotifier smtp = notifier(relay.port(), "127.0.0.1", "required", TestTls.ELSEWHERE);
            assertThrows(IOException.class, () -> smtp.send(new Notification("b@example.org", "s", "b")));
            assertTrue(verbs(relay.received).stream().noneMatch(v -> v.equals("AUTH") || v.equals("MAIL")),
                    relay.received.toString());
        }
    }
}
