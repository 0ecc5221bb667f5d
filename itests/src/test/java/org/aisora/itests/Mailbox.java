package org.aisora.itests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Address;
import javax.mail.Message;
import javax.mail.internet.MimeMessage;

/**
 * GreenMail on loopback inside the container, as the SMTP notifier's relay. Kept apart from the test class:
 * GreenMail and JavaMail are installed by the test before first use, and the test class's own method
 * signatures (which JUnit reads before any test runs) must not name their types.
 */
final class Mailbox {
    private final GreenMail greenMail;

    private Mailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static Mailbox start(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new Mailbox(mail);
    }

    void stop() {
        greenMail.stop();
    }

    /** The first group of {@code kind} in the newest mail to {@code email} that has it, waiting up to a minute. */
    String code(String email, Pattern kind) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                if (addressedTo(received[i], email)) {
                    // getContent decodes the transfer encoding (the notifier writes base64 UTF-8)
                    Matcher m = kind.matcher(String.valueOf(received[i].getContent()));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail matching " + kind + " reached " + email);
    }

    private static boolean addressedTo(MimeMessage message, String email) throws Exception {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        for (Address a : to == null ? new Address[0] : to) {
            if (a.toString().contains(email)) {
                return true;
            }
        }
        return false;
    }
}
