package org.aisora.api.store;

import java.time.Instant;

/** One (account, IP, browser, OS) an account was seen from; the raw User-Agent is not kept. */
public record DeviceRecord(String id, String accountId, String ip, String browser, String os, Instant firstSeen,
                           Instant lastSeen, Instant expiresAt) {
}
