package org.aisora.payments.stripe.internal;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.aisora.api.payment.PaymentException;

/**
 * Stripe's documented webhook signature, checked by stripe-java's {@link Webhook#constructEvent}:
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, each v1 an HMAC-SHA256 over
 * {@code t + "." + raw body} keyed with an endpoint secret. Our rules around it: any v1 matching any
 * configured secret is accepted (Stripe sends one per active secret while rolling one over), v0 and other
 * schemes are ignored, the header must carry exactly one timestamp, and the timestamp must be within the
 * tolerance both ways against our clock (stripe-java checks only the past). The header is checked and
 * rewritten to its canonical form first, so stripe-java never sees one it would stumble over.
 */
final class WebhookSignature {
    static final String HEADER = "Stripe-Signature";
    static final long TOLERANCE_SECONDS = Webhook.DEFAULT_TOLERANCE;
    static final String INVALID = "invalid_signature";
    /** A real header carries a timestamp and one or two signatures; a huge one is not Stripe's. */
    private static final int MAX_HEADER_CHARS = 4096;
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<String> secrets;
    private final Clock clock;

    WebhookSignature(List<String> secrets, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /**
     * The event, when the body is Stripe's and fresh; {@code invalid_signature} otherwise. A genuine body
     * that is not a Stripe event is {@code processor_error}: it is Stripe's, not a forgery.
     */
    Event verify(byte[] rawBody, Map<String, String> headers) throws PaymentException {
        String header = header(headers);
        if (header == null || header.isBlank()) {
            throw new PaymentException(INVALID, "no " + HEADER + " header");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw new PaymentException(INVALID, HEADER + " header is too long");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if ("t".equals(key)) {
                timestamp = timestamp == null ? seconds(value) : Long.valueOf(Long.MIN_VALUE);
            } else if ("v1".equals(key) && HEX_SHA256.matcher(value).matches()) {
                signatures.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (timestamp == null || timestamp == Long.MIN_VALUE) {
            throw new PaymentException(INVALID, HEADER + " header has no single timestamp");
        }
        if (signatures.isEmpty()) {
            throw new PaymentException(INVALID, HEADER + " header has no v1 signature");
        }
        if (secrets.isEmpty()) {
            throw new PaymentException(INVALID, "no webhook secret is configured, so no event can be verified");
        }
        String canonical = "t=" + timestamp + ",v1=" + String.join(",v1=", signatures);
        String payload = utf8(rawBody);
        long age = clock.instant().getEpochSecond() - timestamp;
        for (String secret : secrets) {
            try {
                Event event = Webhook.constructEvent(payload, canonical, secret, TOLERANCE_SECONDS, clock);
                if (-age > TOLERANCE_SECONDS) {
                    throw outside(age);
                }
                return event;
            } catch (SignatureVerificationException e) {
                // another secret may match
            } catch (RuntimeException e) {
                // signed by Stripe, but not JSON of an event (stripe-java parses only after the signature holds)
                throw new PaymentException(StripeCalls.ERROR, "the signed Stripe event is not JSON of an event");
            }
        }
        throw Math.abs(age) > TOLERANCE_SECONDS ? outside(age)
                : new PaymentException(INVALID, "no signature matches the payload");
    }

    private static PaymentException outside(long age) {
        return new PaymentException(INVALID, "timestamp is " + Math.abs(age) + " s " + (age > 0 ? "old" : "ahead")
                + ", outside the " + TOLERANCE_SECONDS + " s tolerance");
    }

    /** Stripe signs UTF-8 text; bytes that are not cannot carry its signature. */
    private static String utf8(byte[] body) throws PaymentException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PaymentException(INVALID, "the body is not UTF-8 text, so not signed by Stripe");
        }
    }

    private static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> HEADER.equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Long seconds(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            return Long.MIN_VALUE;
        }
        return Long.parseLong(value);
    }
}
