package org.aisora.api.service;

import java.time.Instant;

/** One audit-log row: who ({@code actorId}, null when unknown) did what to which {@code subject}, from where. */
public record AuditEntry(String id, String actorId, String action, String subject, String ip, String userAgent,
                         String detail, Instant createdAt, Instant expiresAt) {
}
