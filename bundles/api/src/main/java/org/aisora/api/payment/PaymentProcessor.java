package org.aisora.api.payment;

import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way for money (or an operator's decision) to become credits. Checkout and webhooks are
 * added to this SPI with default methods when the processors that need them arrive.
 */
@ConsumerType
public interface PaymentProcessor extends Plugin {
    PaymentCapabilities capabilities();
}
