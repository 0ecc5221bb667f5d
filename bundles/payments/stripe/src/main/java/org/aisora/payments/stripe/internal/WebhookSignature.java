package org.aisora.payments.stripe.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aisora.api.payment.PaymentException;

/**
 * Stripe's documented webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]};
 * each v1 is HMAC-SHA256 over {@code t + "." + raw body} keyed with an endpoint secret. Any v1 matching any
 * configured secret is accepted (Stripe sends one per active secret while rolling one over); v0 and other
 * schemes are ignored. The timestamp must be within the tolerance both ways, against our clock.
 */
final class WebhookSignature {
    static final String HEADER = "Stripe-Signature";
    static final long TOLERANCE_SECONDS = 300;
    static final String INVALID = "invalid_signature";
    /** A real header carries a timestamp and one or two signatures; a huge one is not Stripe's. */
    private static final int MAX_HEADER_CHARS = 4096;

    private final List<byte[]> secrets;
    private final Clock clock;

    WebhookSignature(List<String> secrets, Clock clock) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.clock = clock;
    }

    /** Returns quietly when the body is Stripe's and fresh; throws {@code invalid_signature} otherwise. */
    void verify(byte[] rawBody, Map<String, String> headers) throws PaymentException {
        String header = header(headers);
        if (header == null || header.isBlank()) {
            throw new PaymentException(INVALID, "no " + HEADER + " header");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw new PaymentException(INVALID, HEADER + " header is too long");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if ("t".equals(key)) {
                timestamp = timestamp == null ? seconds(value) : Long.valueOf(Long.MIN_VALUE);
            } else if ("v1".equals(key) && value.length() == 64) {
                try {
                    signatures.add(HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    // not hex: cannot match, like any other wrong signature
                }
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
        if (!matches(timestamp, rawBody, signatures)) {
            throw new PaymentException(INVALID, "no signature matches the payload");
        }
        long age = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE_SECONDS) {
            throw new PaymentException(INVALID, "timestamp is " + Math.abs(age) + " s " + (age > 0 ? "old" : "ahead")
                    + ", outside the " + TOLERANCE_SECONDS + " s tolerance");
        }
    }

    /** Every candidate is compared in full, so the time taken does not tell which one came close. */
    private boolean matches(long timestamp, byte[] body, List<byte[]> signatures) {
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = sign(secret, timestamp, body);
            for (byte[] signature : signatures) {
                match |= MessageDigest.isEqual(expected, signature);
            }
        }
        return match;
    }

    static byte[] sign(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
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
