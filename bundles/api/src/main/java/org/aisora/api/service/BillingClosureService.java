package org.aisora.api.service;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What is left of erased accounts' billing, for operators: the durable queue that cancels their subscriptions
 * and deletes their customers at the payment processor, drained by the core with retries and backoff.
 */
@ProviderType
public interface BillingClosureService {
    /** Rows per status ({@code pending}, {@code done}, {@code failed}), all present. */
    Map<String, Long> counts();

    /** One pass of the queue now (what the schedule does). @return rows tried */
    int runNow();
}
