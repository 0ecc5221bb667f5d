package org.aisora.payments.manual.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the manual processor (PID org.aisora.payments.manual); all optional. */
@ObjectClassDefinition(name = "AiSora manual payments",
        description = "Operator grants, and a local checkout an operator confirms (no payment provider needed)")
public @interface ManualPaymentConfig {
    @AttributeDefinition(description = "Products of the local checkout: id=credits:N[:name] or id=plan:PLAN[:name]")
    String[] products() default {"pack-100=credits:100:100 credits", "pro=plan:pro:Pro plan"};

    @AttributeDefinition(description = "Below a payment provider's ranking, so Stripe sells when both are installed")
    int service_ranking() default -100;
}
