package org.aisora.payments.manual.internal;

import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.payment.PaymentProcessor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * No money moves here: an operator grants credits by hand (console or admin API). It exists so that a
 * deployment without a payment provider still has a registered, healthy processor for operator grants.
 */
@Component(name = "org.aisora.payments.manual", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ManualPaymentProcessor implements PaymentProcessor {
    private static final PaymentCapabilities CAPABILITIES = new PaymentCapabilities(false, true);

    @Override
    public String id() {
        return "manual";
    }

    @Override
    public PaymentCapabilities capabilities() {
        return CAPABILITIES;
    }
}
