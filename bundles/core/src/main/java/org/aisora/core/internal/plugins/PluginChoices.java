package org.aisora.core.internal.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Which plugin serves where the platform needs exactly one of a family (PID org.aisora.core.plugins,
 * file etc/org.aisora.core.plugins.cfg). Only the registry reads it and applies a change in place, so
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
}
