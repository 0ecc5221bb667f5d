package org.aisora.api.service;

import java.time.Instant;

/** One movement of a user's credits: kind (grant, hold, capture, release, ...), signed amount, memo. */
public record CreditEntryView(String transaction, String kind, String bucket, long amount, String memo,
                              Instant createdAt) {
}
