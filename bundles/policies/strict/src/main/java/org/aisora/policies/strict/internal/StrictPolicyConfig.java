package org.aisora.policies.strict.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the strict retention policy (PID org.aisora.policies.strict). */
@ObjectClassDefinition(name = "AiSora strict retention", description = "One short retention for every plan and every "
        + "kind of artifact. An invalid value falls back to 24 hours and the plugin reports DEGRADED.")
public @interface StrictPolicyConfig {
    String PID = "org.aisora.policies.strict";

    @AttributeDefinition(description = "Hours every artifact, log and record is kept, whatever the plan (1 to 720)")
    int retention_hours() default StrictPolicy.DEFAULT_HOURS;
}
