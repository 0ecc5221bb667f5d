package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;

/**
 * The account journeys that go through the user's mailbox, over HTTP in the real distribution with the SMTP
 * notifier installed and configured like an operator does, against GreenMail on loopback: sign-up, the
 * verification code from the mail, the sign-up grant; a password reset by the mailed code that ends the old
 * sessions; and signing out everywhere.
 */
public class AccountMailIT extends AisoraKarafTestSupport {
    private static final String SMTP_PORT = "aisora.itest.smtp.port";
    private static final String PASSWORD = "a long password";
    private static final Pattern VERIFICATION = Pattern.compile("Your verification code: (\\S+)");
    private static final Pattern RESET = Pattern.compile("Your reset code: (\\S+)");
    private static Mailbox mail;

    @Override
    protected Option[] additionalOptions() {
        int port = freeSmtpPort();
        return new Option[] {
            KarafDistributionOption.editConfigurationFilePut("etc/system.properties", SMTP_PORT, Integer.toString(port)),
            // this test is about the mail: verification stays on (the default), and the outbox is polled often
            KarafDistributionOption.editConfigurationFilePut("etc/org.aisora.core.mail.cfg", "mail.interval.ms", "200")
        };
    }

    /** The notifier and GreenMail, once per container (GreenMail needs the JavaMail bundle the feature brings). */
    @Before
    public void mailbox() throws Exception {
        if (mail != null) {
            return;
        }
        int port = Integer.getInteger(SMTP_PORT);
        Files.writeString(Path.of(System.getProperty("karaf.etc"), "org.aisora.notify.smtp.cfg"),
                "host = 127.0.0.1\nport = " + port + "\nfrom = accounts@aisora.test\nstarttls = off\n");
        executeCommand("feature:install aisora-notify-smtp");
        String installed = executeCommand("bundle:install -s mvn:com.icegreen/greenmail/1.6.15");
        assertTrue(installed, installed.contains("Bundle ID"));
        mail = Mailbox.start(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!executeCommand("aisora:plugins").matches("(?s).*smtp\\s.*ONLINE.*")) {
            if (System.nanoTime() > deadline) {
                fail("the SMTP notifier did not come online: " + executeCommand("aisora:plugins"));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    @AfterClass
    public static void stopMailbox() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    public void signUpVerifiesTheAddressByTheMailedCodeAndThenGrants() throws Exception {
        String email = "mail-signup-" + System.nanoTime() + "@example.org";
        signUp(email);
        String session = signIn(email, PASSWORD);
        assertEquals(false, http("GET", "/me", null, session).json().get("emailVerified").asBoolean(true));
        assertEquals(0, http("GET", "/credits", null, session).json().get("balance").asLong());
        HttpResult refused = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a lighthouse"),
                session);
        assertEquals(refused.toString(), 403, refused.status());
        assertEquals("email_unverified", refused.json().get("error").get("code").asText());

        HttpResult wrong = http("POST", "/me/email/verify", Map.of("code", "not-the-code"), session);
        assertEquals(wrong.toString(), 400, wrong.status());
        String code = mail.code(email, VERIFICATION);
        HttpResult verified = http("POST", "/me/email/verify", Map.of("code", code), session);
        assertTrue(verified.toString(), verified.status() / 100 == 2);
        assertEquals(true, http("GET", "/me", null, session).json().get("emailVerified").asBoolean(false));
        assertEquals(100, http("GET", "/credits", null, session).json().get("balance").asLong());
        // the code is single use and the grant is paid once
        assertNotEquals(2, http("POST", "/me/email/verify", Map.of("code", code), session).status() / 100);
        assertEquals(100, http("GET", "/credits", null, session).json().get("balance").asLong());
    }

    @Test
    public void aPasswordResetByTheMailedCodeEndsTheOldSessions() throws Exception {
        String email = "mail-reset-" + System.nanoTime() + "@example.org";
        signUp(email);
        String laptop = signIn(email, PASSWORD);
        String phone = signIn(email, PASSWORD);
        mail.code(email, VERIFICATION); // the sign-up mail comes first

        HttpResult known = http("POST", "/password-reset", Map.of("email", email), null);
        HttpResult unknown = http("POST", "/password-reset", Map.of("email", "nobody-" + email), null);
        assertEquals(known.toString(), 202, known.status());
        assertEquals(unknown.toString(), 202, unknown.status());
        assertEquals("the same answer whether the address exists or not", known.body(), unknown.body());

        String code = mail.code(email, RESET);
        HttpResult reset = http("POST", "/password-reset/confirm", Map.of("email", email, "code", code,
                "newPassword", "a new long password"), null);
        assertEquals(reset.toString(), 204, reset.status());
        assertEquals(401, http("GET", "/me", null, laptop).status());
        assertEquals(401, http("GET", "/me", null, phone).status());
        assertEquals(401, http("POST", "/sessions", Map.of("email", email, "password", PASSWORD), null).status());
        String fresh = signIn(email, "a new long password");
        assertEquals(200, http("GET", "/me", null, fresh).status());
        // a used code does not work twice
        assertEquals(400, http("POST", "/password-reset/confirm", Map.of("email", email, "code", code,
                "newPassword", "yet another long password"), null).status());
    }

    @Test
    public void signingOutEverywhereEndsEverySession() throws Exception {
        String email = "mail-everywhere-" + System.nanoTime() + "@example.org";
        signUp(email);
        String laptop = signIn(email, PASSWORD);
        String phone = signIn(email, PASSWORD);
        assertEquals(2, http("GET", "/me/sessions", null, laptop).json().size());
        HttpResult everywhere = http("DELETE", "/me/sessions", null, laptop);
        assertEquals(everywhere.toString(), 200, everywhere.status());
        assertEquals(2, everywhere.json().get("ended").asInt());
        assertEquals(401, http("GET", "/me", null, laptop).status());
        assertEquals(401, http("GET", "/me", null, phone).status());
    }

    private void signUp(String email) {
        HttpResult created = http("POST", "/accounts", Map.of("name", "Mail User", "email", email,
                "password", PASSWORD, "birthDate", "1990-05-01", "acceptedPolicyVersion", Journey.policy(this)), null);
        assertEquals(created.toString(), 201, created.status());
    }

    private String signIn(String email, String password) {
        HttpResult session = http("POST", "/sessions", Map.of("email", email, "password", password), null);
        assertEquals(session.toString(), 201, session.status());
        return session.json().get("token").asText();
    }

    private static int freeSmtpPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
