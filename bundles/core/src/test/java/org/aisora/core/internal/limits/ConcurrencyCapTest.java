package org.aisora.core.internal.limits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.aisora.api.error.RateLimitedException;
import org.junit.jupiter.api.Test;

/**
 * The refusal itself; that count and enqueue never interleave, within one node or across nodes, is proved on a
 * database by PlanLimitsFlowTest and SharedCountersFlowContract.
 */
class ConcurrencyCapTest {
    private static final Plan FREE = PlanCatalog.defaults().free(); // 2 jobs at once

    @Test
    void atTheMaximumTheJobIsRefusedWithARetryAfter() {
        ConcurrencyCap cap = new ConcurrencyCap(3);
        assertDoesNotThrow(() -> cap.require(FREE, 1));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> cap.require(FREE, 2));
        assertEquals(429, e.kind().status());
        assertEquals("too_many_concurrent_jobs", e.code());
        assertEquals(3, e.retryAfterSeconds());
        assertThrows(RateLimitedException.class, () -> cap.require(FREE, 5));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyCap(0));
    }
}
