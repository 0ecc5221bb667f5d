package org.aisora.api.service;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What is left to delete at vendors, for operators: the durable queue of vendor task deletions filled by
 * expiry, media deletion and account deletion, and drained by the core with retries and backoff.
 */
@ProviderType
public interface VendorDeletionService {
    /** Rows per status ({@code pending}, {@code deleted}, {@code failed}, {@code not_supported}), all present. */
    Map<String, Long> counts();

    /**
     * Rows in one status, the most recently changed first.
     * @throws org.aisora.api.error.AisoraException 400 for an unknown status
     */
    List<VendorDeletionView> list(String status, int limit);

    /** One pass of the queue now (what the schedule does). @return rows tried */
    int runNow();
}
