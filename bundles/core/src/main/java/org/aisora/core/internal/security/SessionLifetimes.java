package org.aisora.core.internal.security;

import java.time.Duration;
import java.time.Instant;
import org.aisora.api.store.SessionRecord;

/**
 * When a sign-in session ends: {@code idle} after its last recorded use, {@code absolute} after sign-in, or at
 * its stored {@code expiresAt}, whichever comes first. The lifetime is checked against {@code createdAt} too,
 * so shortening it in the configuration also shortens the sessions already open.
 * <p>
 * The last use is written at most once per {@code touch} (one UPDATE, not one per request), so a session may
 * end up to {@code touch} before a full idle period after its very latest request.
 */
public record SessionLifetimes(Duration idle, Duration absolute, Duration touch) {
    public static SessionLifetimes of(SecurityConfiguration config) {
        return new SessionLifetimes(Duration.ofMinutes(Math.max(1, config.session_idle_minutes())),
                Duration.ofHours(Math.max(1, config.session_absolute_hours())),
                Duration.ofSeconds(Math.max(1, config.session_touch_seconds())));
    }

    public Instant expiresAt(Instant createdAt) {
        return createdAt.plus(absolute);
    }

    public boolean live(SessionRecord s, Instant now) {
        Instant lastUsed = s.lastUsedAt() == null ? s.createdAt() : s.lastUsedAt();
        return (s.expiresAt() == null || now.isBefore(s.expiresAt())) && now.isBefore(expiresAt(s.createdAt()))
                && now.isBefore(lastUsed.plus(idle));
    }

    /** Whether a use now is worth writing: the stored last use is {@code touch} old or more. */
    public boolean dueForTouch(SessionRecord s, Instant now) {
        return s.lastUsedAt() == null || !now.isBefore(s.lastUsedAt().plus(touch));
    }

    /** When a live session ends if it is not used again. */
    public Instant endsAt(SessionRecord s) {
        Instant lastUsed = s.lastUsedAt() == null ? s.createdAt() : s.lastUsedAt();
        Instant end = lastUsed.plus(idle);
        end = end.isAfter(expiresAt(s.createdAt())) ? expiresAt(s.createdAt()) : end;
        return s.expiresAt() != null && s.expiresAt().isBefore(end) ? s.expiresAt() : end;
    }
}
