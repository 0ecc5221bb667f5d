package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The audit log. An account's rows are those it acted in or that were about it (actor or subject). */
@ProviderType
public interface AuditStore {
    void insert(AuditRecord record);

    /** Newest first. */
    List<AuditRecord> recent(int offset, int limit);

    /** Every row whose actor or subject is the account, oldest first (for export). */
    List<AuditRecord> byAccount(String accountId);

    /** Erasure: every row whose actor or subject is the account. */
    int deleteByAccount(String accountId);

    /** Rows whose {@code expiresAt} is at or before {@code now}. */
    int deleteExpired(Instant now);
}
