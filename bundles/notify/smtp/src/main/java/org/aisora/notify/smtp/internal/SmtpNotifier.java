package org.aisora.notify.smtp.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.notify.Notification;
import org.aisora.api.notify.Notifier;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * E-mail through an SMTP relay, one connection per message (the core's outbox sends a batch at a time and
 * retries on IOException). No mail library: the subset of SMTP a submission relay needs, on a socket.
 * A changed configuration gives a new instance (no {@code @Modified}).
 */
@Component(name = SmtpConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Notifier.class)
@Designate(ocd = SmtpConfig.class)
public final class SmtpNotifier implements Notifier {
    static final String ID = "smtp";
    /** A relay on this machine is the operator's own mail server, not a third party. */
    private static final Set<String> LOOPBACK = Set.of("localhost", "::1", "[::1]");

    private final SmtpSettings settings;
    private final Clock clock;
    private volatile String lastFailure;

    @Activate
    public SmtpNotifier(SmtpConfig config) {
        this(SmtpSettings.of(config), Clock.systemUTC());
    }

    SmtpNotifier(SmtpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The relay host receives the address and the message; its retention is whatever its operator states. */
    @Override
    public Optional<DataTransfer> dataTransfer() {
        String host = settings.host();
        if (settings.fatal() != null || LOOPBACK.contains(host.toLowerCase(java.util.Locale.ROOT))
                || host.startsWith("127.")) {
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
        String message = MessageText.format(settings.from(), n.to(), n.subject(), n.body(), ZonedDateTime.now(clock));
        try (SmtpSession session = new SmtpSession(settings)) {
            session.open();
            session.send(n.to(), message);
            lastFailure = null;
        } catch (IOException e) {
            lastFailure = e.getMessage();
            throw e;
        }
    }
}
