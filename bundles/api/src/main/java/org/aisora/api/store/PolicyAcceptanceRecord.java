package org.aisora.api.store;

import java.time.Instant;

/** An account accepted a policy version at a time, from an address ({@code null} when unknown). */
public record PolicyAcceptanceRecord(String accountId, String version, Instant acceptedAt, String ip) {
}
