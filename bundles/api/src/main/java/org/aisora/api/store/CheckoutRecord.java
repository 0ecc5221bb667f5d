package org.aisora.api.store;

import java.time.Instant;

/**
 * A checkout as the core asked for it. The row (with its idempotency key) is written before the
 * processor is called, so a retry after a crash reuses the key and the processor creates nothing twice;
 * {@code sessionId} and {@code url} are filled in once the processor answered.
 */
public record CheckoutRecord(String idempotencyKey, String accountId, String processor, String productId,
                             String sessionId, String url, Instant createdAt) {
}
