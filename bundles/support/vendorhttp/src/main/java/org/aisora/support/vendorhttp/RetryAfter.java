package org.aisora.support.vendorhttp;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), capped. */
public final class RetryAfter {
    /** No vendor gets to park a job longer than this on one answer. */
    public static final Duration MAX = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    /** @return the wait, or null when the header is absent or unreadable */
    public static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                return MAX;
            }
            return cap(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return cap(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration cap(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
