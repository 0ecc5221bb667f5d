package org.aisora.core.internal.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Which plugin serves where the platform needs exactly one of a family (PID org.aisora.core.plugins,
 * file etc/org.aisora.core.plugins.cfg). Only the registry (and, for transcoder.default, the video encoder) reads it and applies a change in place, so
 * swapping storage, transcoder or policy restarts nothing and fails no request.
 */
@ObjectClassDefinition(name = "AiSora plugin choices", description = "The active plugin of single-choice families")
public @interface PluginChoices {
    String PID = "org.aisora.core.plugins";

    @AttributeDefinition(description = "Id of the blob store new objects go to (highest ranked when absent); "
            + "existing objects stay readable in the store that holds them")
    String storage_default() default "filesystem";

    @AttributeDefinition(description = "Id of the transcoder used for video (highest ranked when absent)")
    String transcoder_default() default "ffmpeg";

    @AttributeDefinition(description = "Id of the active retention policy (highest ranked when absent)")
    String retention_policy() default "standard";

    @AttributeDefinition(description = "Id of the active privacy policy (highest ranked when absent)")
    String privacy_policy() default "standard";

    @AttributeDefinition(description = "Routing order per generation type, tried before the rest by ranking, e.g. "
            + "\"text-to-image=openai,stability,builtin\" (one line per type; aisora:route changes it at runtime)")
    String[] routing() default {};

    @AttributeDefinition(description = "Consecutive failures that open a provider's circuit")
    int breaker_failures() default 5;

    @AttributeDefinition(description = "Seconds an open circuit stays open before one trial call")
    int breaker_open_seconds() default 30;

    @AttributeDefinition(description = "Calls per provider for one job before falling back to the next")
    int retry_max_attempts() default 3;

    @AttributeDefinition(description = "First retry delay, milliseconds (then doubling, with full jitter)")
    int retry_base_ms() default 500;

    @AttributeDefinition(description = "Longest retry delay, milliseconds")
    int retry_max_ms() default 10_000;

    @AttributeDefinition(description = "Longest Retry-After a vendor may impose, seconds")
    int retry_after_max_seconds() default 30;
}
