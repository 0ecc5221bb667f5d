package org.aisora.payments.stripe.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aisora.api.testing.Configs;

/** What the Stripe tests share: a configuration, a fixed clock, and Stripe's signing scheme done independently. */
final class Stripes {
    static final String SECRET_KEY = "sk_test_abc123";
    static final String WEBHOOK_SECRET = "whsec_current_0123456789";
    static final String PREVIOUS_SECRET = "whsec_previous_9876543210";
    static final long NOW = 1_800_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String[] PRODUCTS = {"pack-100=credits:100:price_123:500:usd", "pro=plan:pro:price_456:1500:usd"};

    private Stripes() {
    }

    static StripePaymentProcessor processor(String apiBase, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("_secret_key", SECRET_KEY, "_webhook_secret", WEBHOOK_SECRET,
                "api_base", apiBase, "products", PRODUCTS, "success_url", "https://app.example/paid?s={CHECKOUT_SESSION_ID}",
                "cancel_url", "https://app.example/pricing", "portal_return_url", "https://app.example/billing",
                "request_timeout_ms", 5_000));
        values.putAll(overrides);
        return new StripePaymentProcessor(StripeSettings.of(Configs.of(StripeConfig.class, values)), CLOCK);
    }

    static StripePaymentProcessor processor(Map<String, Object> overrides) {
        return processor("http://127.0.0.1:9", overrides);
    }

    /** HMAC-SHA256 of "t.body" as Stripe documents it, in lower-case hex. */
    static String v1(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, payload, 0, prefix.length);
            System.arraycopy(body, 0, payload, prefix.length, body.length);
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> signed(byte[] body, long timestamp) {
        return Map.of("stripe-signature", "t=" + timestamp + ",v1=" + v1(WEBHOOK_SECRET, timestamp, body));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A form body as the server received it, keys and values decoded. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** A Stripe event envelope around one object. */
    static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":" + (NOW - 5)
                + ",\"livemode\":false,\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }
}
