package org.aisora.api.store;

import java.time.Instant;

/** An audit-log row; {@code actorId} and {@code subject} may be null. Never secrets or prompts. */
public record AuditRecord(String id, String actorId, String action, String subject, String ip, String userAgent,
                          String detail, Instant createdAt, Instant expiresAt) {
}
