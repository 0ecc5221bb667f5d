package org.aisora.notify.smtp.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * A plain-text message in RFC 5322 form: CRLF lines, a UTF-8 body in base64 (no line can start with a
 * dot or exceed the line limit), a subject as RFC 2047 encoded words when it is not plain ASCII.
 */
final class MessageText {
    /** Bytes of UTF-8 per encoded word: base64 of 45 bytes is 60 characters, within the 75 allowed. */
    private static final int WORD_BYTES = 45;

    private MessageText() {
    }

    static String format(String from, String to, String subject, String body, ZonedDateTime date) {
        String domain = from.substring(from.indexOf('@') + 1);
        String text = (body == null ? "" : body).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        return "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date) + "\r\n"
                + "From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject(subject) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + domain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One line of printable ASCII as it is; anything else as UTF-8 encoded words, folded. */
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
}
