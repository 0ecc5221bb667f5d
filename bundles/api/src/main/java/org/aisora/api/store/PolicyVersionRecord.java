package org.aisora.api.store;

import java.time.Instant;

/** A published privacy policy version: its full text, the text's SHA-256 (hex) and a short summary. */
public record PolicyVersionRecord(String version, Instant publishedAt, String sha256, String text, String summary) {
}
