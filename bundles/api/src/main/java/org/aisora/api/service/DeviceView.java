package org.aisora.api.service;

import java.time.Instant;

/** One device an account was seen on: browser and OS as parsed from the User-Agent ("other" when unknown). */
public record DeviceView(String id, String ip, String browser, String os, Instant firstSeen, Instant lastSeen,
                         Instant expiresAt) {
}
