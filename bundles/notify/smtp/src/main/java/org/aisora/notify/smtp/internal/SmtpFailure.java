package org.aisora.notify.smtp.internal;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;
import com.sun.mail.smtp.SMTPSenderFailedException;
import java.io.IOException;
import javax.mail.AuthenticationFailedException;
import javax.mail.MessagingException;

/** JavaMail's exceptions as the IOException the outbox retries, worded for an operator, bounded, one line. */
final class SmtpFailure {
    private SmtpFailure() {
    }

    static IOException of(MessagingException e, int lastCode) {
        if (e instanceof AuthenticationFailedException) {
            // only the code: servers echo the offending line, credentials included
            return new IOException("authentication refused by the relay (" + lastCode + ")", null);
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.startsWith("STARTTLS is required")) {
            return new IOException("the relay does not offer STARTTLS, which starttls=required demands");
        }
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return new IOException("recipient refused: " + describe(a.getMessage()));
            }
            if (x instanceof SMTPSenderFailedException s) {
                return new IOException("sender refused: " + describe(s.getMessage()));
            }
            if (x instanceof SMTPSendFailedException s) {
                return new IOException("message refused: " + describe(s.getMessage()));
            }
        }
        Throwable cause = e.getCause();
        String detail = describe(text) + (cause == null || cause.getMessage() == null ? ""
                : " (" + cause.getClass().getSimpleName() + ": " + describe(cause.getMessage()) + ")");
        return new IOException(detail, cause instanceof IOException ? cause : null);
    }

    /** Printable ASCII only, one line, bounded. */
    static String describe(String text) {
        String line = (text == null ? "" : text).strip().replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7E]", "?");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
