package org.aisora.payments.stripe.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys for nested fields. */
final class Form {
    private final List<String> pairs = new ArrayList<>();

    /** Adds {@code key=value}; a null or blank value is left out, as Stripe treats "" as "unset". */
    Form add(String key, String value) {
        if (value != null && !value.isBlank()) {
            pairs.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return this;
    }

    byte[] bytes() {
        return String.join("&", pairs).getBytes(StandardCharsets.US_ASCII);
    }
}
