package org.aisora.notify.smtp.internal;

import com.sun.mail.smtp.SMTPTransport;
import java.util.Locale;
import javax.mail.Session;
import javax.mail.URLName;

/**
 * JavaMail's SMTP transport, made without a provider lookup, that hides the relay's AUTH offer while the
 * connection is not encrypted (unless starttls=off): JavaMail would otherwise authenticate in plain text
 * when STARTTLS is optional and not offered. {@link SmtpNotifier} then refuses to go on.
 */
final class RelayTransport extends SMTPTransport {
    private final boolean plainAuthAllowed;

    RelayTransport(Session session, SmtpSettings settings) {
        super(session, new URLName("smtp", settings.host(), settings.port(), null, null, null));
        this.plainAuthAllowed = settings.startTls() == SmtpSettings.StartTls.OFF;
    }

    @Override
    public boolean supportsExtension(String ext) {
        if (!plainAuthAllowed && ext.toUpperCase(Locale.ROOT).startsWith("AUTH") && !isSSL()) {
            return false;
        }
        return super.supportsExtension(ext);
    }

    /** Whether the relay offers AUTH at all, whatever the connection's state. */
    boolean offersAuth() {
        return super.supportsExtension("AUTH") || super.supportsExtension("AUTH=LOGIN");
    }
}
