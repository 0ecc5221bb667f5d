package org.aisora.notify.smtp.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.net.ssl.SSLSocketFactory;
import org.aisora.api.notify.Notification;
import org.aisora.api.notify.Notifier;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * E-mail through an SMTP relay with JavaMail (javax line), one connection per message (the core's outbox
 * sends a batch at a time and retries on IOException). Every failure of the relay is an IOException whose
 * text is the relay's reply, except for AUTH, where only the reply code is kept (a server may echo the
 * credentials). A changed configuration gives a new instance (no {@code @Modified}).
 */
@Component(name = SmtpConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Notifier.class)
@Designate(ocd = SmtpConfig.class)
public final class SmtpNotifier implements Notifier {
    static final String ID = "smtp";
    /** A relay on this machine is the operator's own mail server, not a third party. */
    private static final Set<String> LOOPBACK = Set.of("localhost", "::1", "[::1]");

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;
    private volatile String lastFailure;

    @Activate
    public SmtpNotifier(SmtpConfig config) {
        this(SmtpSettings.of(config), Clock.systemUTC(), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    SmtpNotifier(SmtpSettings settings, Clock clock, SSLSocketFactory tls) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(settings.javaMail(tls));
    }

    @Override
    public String id() {
        return ID;
    }

    /** The relay host receives the address and the message; its retention is whatever its operator states. */
    @Override
    public Optional<DataTransfer> dataTransfer() {
        String host = settings.host();
        if (settings.fatal() != null || LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || host.startsWith("127.")) {
            return Optional.empty();
        }
        return Optional.of(new DataTransfer(host, "delivering e-mail to the account", List.of("e-mail address",
                "message contents"), "as the relay's operator states in its terms"));
    }

    @Override
    public PluginHealth health() {
        if (settings.fatal() != null) {
            return PluginHealth.offline(settings.fatal());
        }
        String failure = lastFailure;
        return failure == null ? PluginHealth.online() : PluginHealth.degraded("last send failed: " + failure);
    }

    /**
     * @throws IllegalArgumentException when the recipient is not one plain address (retrying cannot help)
     * @throws IOException when the relay cannot be reached or refuses the message, sender or recipient
     */
    @Override
    public void send(Notification n) throws IOException {
        if (settings.fatal() != null) {
            throw new IOException("SMTP notifier not configured: " + settings.fatal());
        }
        if (n == null || n.to() == null || !SmtpSettings.ADDRESS.matcher(n.to()).matches()) {
            throw new IllegalArgumentException("the recipient is not a plain e-mail address");
        }
        // Inside OSGi, JavaMail and activation find their providers and content handlers (META-INF/mailcap,
        // com.sun.mail.handlers) through the context class loader: it must be JavaMail's own bundle's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            deliver(n);
            lastFailure = null;
        } catch (IOException e) {
            lastFailure = e.getMessage();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void deliver(Notification n) throws IOException {
        MimeMessage message;
        try {
            message = MailMessage.of(session, settings.from(), n.to(), n.subject(), n.body(), ZonedDateTime.now(clock));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the message cannot be written: " + e.getMessage(), e);
        }
        RelayTransport transport = new RelayTransport(session, settings);
        try {
            transport.connect(settings.host(), settings.port(), settings.authenticates() ? settings.username() : null,
                    settings.authenticates() ? settings.password() : null);
            if (settings.authenticates() && !transport.isSSL() && settings.startTls() != SmtpSettings.StartTls.OFF) {
                throw new IOException("not sending the password in plain text: the relay offered no STARTTLS");
            }
            if (settings.authenticates() && !transport.offersAuth()) {
                throw new IOException("the relay does not offer AUTH");
            }
            transport.sendMessage(message, new Address[] {message.getAllRecipients()[0]});
        } catch (MessagingException e) {
            throw SmtpFailure.of(e, transport.getLastReturnCode());
        } finally {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // the message's fate was settled before QUIT
            }
        }
    }
}
