package org.aisora.notify.smtp.internal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * A plain-text message: a UTF-8 body in base64 (no line can start with a dot or exceed the line limit),
 * a subject on one line, as RFC 2047 encoded words when it is not plain ASCII. The Message-ID names the
 * sender's domain: JavaMail's own would carry this host's user and host name.
 */
final class MailMessage extends MimeMessage {
    private final String domain;

    private MailMessage(Session session, String domain) {
        super(session);
        this.domain = domain;
    }

    static MimeMessage of(Session session, String from, String to, String subject, String body, ZonedDateTime date)
            throws MessagingException {
        MailMessage m = new MailMessage(session, from.substring(from.indexOf('@') + 1));
        m.setFrom(new InternetAddress(from, true));
        m.setRecipient(RecipientType.TO, new InternetAddress(to, true));
        m.setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        m.setHeader("Subject", subject(subject));
        String text = (body == null ? "" : body).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        m.setText(text, "UTF-8");
        m.setHeader("Content-Transfer-Encoding", "base64");
        m.saveChanges();
        return m;
    }

    /** One line of printable ASCII as it is; anything else (and text that looks encoded) as UTF-8 words. */
    static String subject(String subject) {
        String oneLine = subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (oneLine.length() <= 900 && oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && !oneLine.contains("=?")) {
            return oneLine;
        }
        try {
            return MimeUtility.fold(9, MimeUtility.encodeWord(oneLine, "UTF-8", "B"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
    }
}
