package org.aisora.providers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {
    @Test
    void aFullGateAnswersAtOnceWithARetryableRateLimit() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate("acme", 1);
        ProviderException inner = assertThrows(ProviderException.class, () -> gate.call(() -> gate.call(() -> 1)));
        assertEquals(ProviderException.RATE_LIMITED, inner.code());
        assertTrue(inner.retryable());
        assertEquals(2, gate.call(() -> 2)); // the permit came back
    }
}
