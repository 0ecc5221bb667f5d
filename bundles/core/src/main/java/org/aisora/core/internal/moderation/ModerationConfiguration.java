package org.aisora.core.internal.moderation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What the core demands of moderation (PID org.aisora.core.moderation, file etc/org.aisora.core.moderation.cfg).
 * Applied in place: a change reroutes the next job, restarts nothing.
 */
@ObjectClassDefinition(name = "AiSora moderation requirements",
        description = "Which moderation must be installed before jobs may go to vendor providers")
public @interface ModerationConfiguration {
    String PID = "org.aisora.core.moderation";

    @AttributeDefinition(description = "Only matters when a vendor provider (one with a third party) is installed: "
            + "true refuses to send jobs to vendor providers (image_moderation_unavailable) until a moderation "
            + "engine that classifies images is installed (e.g. aisora-moderation-openai; a perceptual-hash "
            + "blocklist does not count); false sends them anyway. Health is DEGRADED in both cases")
    boolean images_required() default true;
}
