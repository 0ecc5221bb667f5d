package org.aisora.core.internal.generation;

import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;

/** The optional Idempotency-Key header: 1 to 100 visible ASCII characters. */
final class IdempotencyKeys {
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private IdempotencyKeys() {
    }

    static String check(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (!VALID.matcher(key).matches()) {
            throw AisoraException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters");
        }
        return key;
    }
}
