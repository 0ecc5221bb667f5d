package org.aisora.notify.smtp.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * A plain-text message: a UTF-8 body in base64 (no line can start with a dot or exceed the line limit),
 * a subject on one line, as RFC 2047 encoded words when it is not plain ASCII. The Message-ID names the
 * sender's domain: JavaMail's own would carry this host's user and host name.
 */
final class MailMessage extends MimeMessage {
    /** Bytes of UTF-8 per encoded word: base64 of 45 bytes is 60 characters, within the 75 allowed. */
    private static final int WORD_BYTES = 45;

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

    /**
     * One line of printable ASCII as it is; anything else, text that looks encoded and overlong lines too,
     * as UTF-8 encoded words, each on its own folded line (JavaMail leaves ASCII alone and cannot fold a
     * long word).
     */
    static String subject(String subject) {
        String oneLine = subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (oneLine.length() <= 900 && oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && !oneLine.contains("=?")) {
            return oneLine;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < oneLine.length(); ) {
            int cp = oneLine.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > WORD_BYTES) {
                appendWord(out, word);
                word.setLength(0);
                bytes = 0;
            }
            word.append(ch);
            bytes += size;
            i += Character.charCount(cp);
        }
        appendWord(out, word);
        return out.toString();
    }

    private static void appendWord(StringBuilder out, CharSequence word) {
        if (word.length() == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append("\r\n "); // folding: each encoded word on its own line
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toString()
                .getBytes(StandardCharsets.UTF_8))).append("?=");
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
    }
}
