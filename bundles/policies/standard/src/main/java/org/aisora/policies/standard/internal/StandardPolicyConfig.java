package org.aisora.policies.standard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the standard privacy and retention policy (PID org.aisora.policies.standard); all optional. */
@ObjectClassDefinition(name = "AiSora standard policy", description = "Minimum age, privacy policy version and "
        + "retention per plan. Invalid values fall back to the defaults and the plugin reports DEGRADED.")
public @interface StandardPolicyConfig {
    String PID = "org.aisora.policies.standard";

    @AttributeDefinition(description = "Registration below this age (whole years) is refused; 0 or more")
    int minimum_age() default Settings.DEFAULT_AGE;

    @AttributeDefinition(description = "Version of the published privacy policy that users accept at registration")
    String policy_version() default Settings.DEFAULT_VERSION;

    @AttributeDefinition(description = "Days artifacts of accounts on the free plan (and unknown plans) are kept")
    int free_retention_days() default Settings.DEFAULT_FREE_DAYS;

    @AttributeDefinition(description = "Days artifacts of accounts on the pro plan are kept")
    int pro_retention_days() default Settings.DEFAULT_PRO_DAYS;

    @AttributeDefinition(cardinality = 20, description = "Per-kind retention for every plan, as kind=days, e.g. "
            + "operational_log=90; kinds: original_upload, generated_output, thumbnail, rendition, export_file, "
            + "operational_log, device_record, usage_event")
    String[] kind_days() default {};
}
