package org.aisora.payments.manual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;

class ManualPaymentProcessorTest {
    private final ManualPaymentProcessor processor = new ManualPaymentProcessor();

    @Test
    void offersOperatorGrantsOnly() {
        assertEquals("manual", processor.id());
        assertEquals(new PaymentCapabilities(false, true), processor.capabilities());
        assertEquals(PluginHealth.online(), processor.health());
    }
}
