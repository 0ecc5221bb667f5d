package org.aisora.webtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Address;
import javax.mail.Message;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The built distribution and the mailbox (GreenMail, in this JVM) its SMTP notifier delivers to: started once for
 * every test class of this module that asks for it, stopped after the last. A test class gets it as a parameter of
 * its {@code @BeforeAll} method under {@code @ExtendWith(Platform.Extension.class)}.
 */
final class Platform implements ExtensionContext.Store.CloseableResource {
    final GreenMail mail;
    final Distribution dist;
    final Path work;

    private Platform(GreenMail mail, Distribution dist, Path work) {
        this.mail = mail;
        this.dist = dist;
        this.work = work;
    }

    private static Platform start() {
        int smtp;
        GreenMail mail = null;
        try {
            smtp = Distribution.freePort();
            mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            Path work = Path.of(System.getProperty("aisora.scratch", "target/dist"));
            Distribution dist = Distribution.start(Path.of(System.getProperty("aisora.assembly")),
                    work.resolve("karaf"), smtp);
            return new Platform(mail, dist, work);
        } catch (Exception e) {
            if (mail != null) {
                mail.stop();
            }
            throw new IllegalStateException("the distribution did not start", e);
        }
    }

    /**
     * Waits up to 60 s for the {@code nth} (0 for the first) mail to {@code email} whose text matches
     * {@code pattern}, in the order they arrived, and answers the pattern's first group.
     */
    String mailed(String email, Pattern pattern, int nth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = new ArrayList<>();
            for (MimeMessage message : mail.getReceivedMessages()) {
                for (Address to : message.getRecipients(Message.RecipientType.TO)) {
                    if (to.toString().contains(email)) {
                        Matcher m = pattern.matcher(String.valueOf(message.getContent()));
                        if (m.find()) {
                            found.add(m.group(1));
                        }
                    }
                }
            }
            if (found.size() > nth) {
                return found.get(nth);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("mail number " + (nth + 1) + " matching " + pattern + " did not reach " + email);
    }

    @Override
    public void close() throws Exception {
        try {
            dist.close();
        } finally {
            mail.stop();
        }
    }

    /** Resolves a {@link Platform} parameter to the one shared instance, starting it on first use. */
    static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Platform.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Platform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Platform.class, k -> start(),
                    Platform.class);
        }
    }
}
