package org.aisora.core.internal.billingclosure;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The billing closure queue's worker (PID org.aisora.core.billingclosures, file
 * etc/org.aisora.core.billingclosures.cfg): how often it drains the queue of erased accounts' processor
 * customers, how it backs off a processor that fails, and when it gives up. Read at activation; a change
 * restarts the worker, the queue stays.
 */
@ObjectClassDefinition(name = "AiSora billing closures", description = "Ending billing of erased accounts")
public @interface BillingClosureConfig {
    String PID = "org.aisora.core.billingclosures";

    @AttributeDefinition(description = "Seconds between passes over the queue (0 = no schedule)")
    long interval_seconds() default 60;

    @AttributeDefinition(description = "Rows claimed per pass")
    int batch() default 20;

    @AttributeDefinition(description = "Seconds a claimed row stays with its node before another may take it over")
    long lease_seconds() default 300;

    @AttributeDefinition(description = "Wait before the first retry, doubled per attempt (with jitter) up to "
            + "retry_max_seconds")
    long retry_base_seconds() default 60;

    @AttributeDefinition(description = "Longest wait between two attempts; also how long a row waits for a payment "
            + "processor that is not installed")
    long retry_max_seconds() default 21600;

    @AttributeDefinition(description = "Attempts before a row is given up as failed (an operator can look at it)")
    int max_attempts() default 20;
}
