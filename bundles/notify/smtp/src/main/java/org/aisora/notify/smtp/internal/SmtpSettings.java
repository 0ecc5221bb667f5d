package org.aisora.notify.smtp.internal;

import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import java.util.regex.Pattern;

/**
 * The configuration, checked once. {@code fatal} names what keeps the notifier from sending at all; the
 * password is never part of {@link #toString()}.
 */
record SmtpSettings(String host, int port, String from, String username, String password, StartTls startTls,
                    String heloName, int connectTimeoutMs, int readTimeoutMs, String fatal) {
    enum StartTls { REQUIRED, OPTIONAL, OFF }

    static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"@]{1,64}@[A-Za-z0-9.-]{1,253}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

    static SmtpSettings of(SmtpConfig c) {
        String fatal = null;
        String host = c.host() == null ? "" : c.host().strip();
        String from = c.from() == null ? "" : c.from().strip();
        StartTls tls = switch (c.starttls() == null ? "" : c.starttls().strip().toLowerCase(Locale.ROOT)) {
            case "required" -> StartTls.REQUIRED;
            case "optional" -> StartTls.OPTIONAL;
            case "off" -> StartTls.OFF;
            default -> null;
        };
        if (!HOST.matcher(host).matches()) {
            fatal = "host is not a host name";
        } else if (c.port() < 1 || c.port() > 65535) {
            fatal = "port must be 1 to 65535";
        } else if (!ADDRESS.matcher(from).matches()) {
            fatal = "from must be a plain e-mail address";
        } else if (tls == null) {
            fatal = "starttls must be required, optional or off";
        }
        String user = c.username() == null ? "" : c.username().strip();
        if (fatal == null && (user.contains("\r") || user.contains("\n") || user.contains("\0"))) {
            fatal = "username must be one line";
        }
        String helo = c.helo_name() == null || c.helo_name().isBlank()
                ? from.substring(from.indexOf('@') + 1) : c.helo_name().strip();
        if (fatal == null && !HOST.matcher(helo).matches()) {
            fatal = "helo.name is not a host name";
        }
        return new SmtpSettings(host, c.port(), from, user, c._password() == null ? "" : c._password(),
                tls == null ? StartTls.REQUIRED : tls, helo, Math.max(100, c.connect_timeout_ms()),
                Math.max(100, c.read_timeout_ms()), fatal);
    }

    /** The JavaMail session for these settings; TLS sockets come from {@code tls}. */
    Properties javaMail(SSLSocketFactory tls) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.localhost", heloName);
        p.put("mail.smtp.connectiontimeout", Integer.toString(connectTimeoutMs));
        p.put("mail.smtp.timeout", Integer.toString(readTimeoutMs));
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls != StartTls.OFF));
        p.put("mail.smtp.starttls.required", Boolean.toString(startTls == StartTls.REQUIRED));
        p.put("mail.smtp.ssl.socketFactory", new VerifyingSocketFactory(tls));
        p.put("mail.smtp.auth", Boolean.toString(authenticates()));
        p.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        p.put("mail.smtp.quitwait", "true");
        return p;
    }

    boolean authenticates() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "smtp://" + host + ":" + port + " from " + from + " starttls " + startTls
                + (authenticates() ? " as " + username : "");
    }
}
