package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Device records: one row per (account, ip, browser, os), touched rather than repeated. */
@ProviderType
public interface DeviceStore {
    /**
     * Inserts the device with {@code firstSeen = lastSeen = seenAt}, or, when the account already has that
     * (ip, browser, os), moves its {@code lastSeen} and {@code expiresAt} forward (never back).
     */
    DeviceRecord upsert(String accountId, String ip, String browser, String os, Instant seenAt, Instant expiresAt);

    /** Most recently seen first. */
    List<DeviceRecord> byAccount(String accountId);

    int deleteByAccount(String accountId);

    int deleteExpired(Instant now);
}
