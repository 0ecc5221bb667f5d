package org.aisora.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One shared counter: what a limit counts for one key (an account's failed sign-ins, an address's sign-ups,
 * an account's request tokens). Its owner gives the fields their meaning; the store only keeps them, and
 * treats a counter whose {@code expiresAt} has passed as absent (it is forgotten, not counted).
 *
 * @param key       what is counted, with its owner's prefix ({@code login.account:a@example.org})
 * @param count     the count (failures, sign-ups, token units)
 * @param stamp     a time in the owner's unit (the latest failure, a window's start, a bucket's nanos)
 * @param limit     the limit the count was made under (a plan's requests per minute), or 0
 * @param expiresAt when the counter no longer matters and may be deleted
 * @since 2.2
 */
public record CounterRecord(String key, long count, long stamp, int limit, Instant expiresAt) {
    /** Keys longer than this are refused: the column holds no more. */
    public static final int MAX_KEY_LENGTH = 200;

    public CounterRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a counter key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
