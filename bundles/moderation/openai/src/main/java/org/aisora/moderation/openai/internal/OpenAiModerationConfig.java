package org.aisora.moderation.openai.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * OpenAI's moderation endpoint as a moderation engine (PID {@code org.aisora.moderation.openai}). The core
 * fails closed, so an engine that cannot reach OpenAI refuses every job: create this configuration only
 * with a working key.
 */
@ObjectClassDefinition(name = "AiSora OpenAI moderation",
        description = "Checks prompts and generated images with OpenAI's moderations API (omni-moderation)")
public @interface OpenAiModerationConfig {
    String PID = "org.aisora.moderation.openai";

    @AttributeDefinition(description = "The engine id shown in aisora:plugins and the moderation log")
    String id() default "openai";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "OpenAI API key (sk-...); blank keeps the"
            + " engine OFFLINE and, the core failing closed, refuses every job")
    String _api_key() default "";

    @AttributeDefinition(description = "API root without /v1; change only for a proxy or a compatible gateway")
    String base_url() default "https://api.openai.com";

    @AttributeDefinition(description = "Moderation model; only the omni models read images")
    String model() default "omni-moderation-latest";

    @AttributeDefinition(description = "Milliseconds to open a connection")
    int connect_timeout_ms() default 5_000;

    @AttributeDefinition(description = "Milliseconds for one whole call")
    int request_timeout_ms() default 20_000;

    @AttributeDefinition(description = "Largest image sent, MB; a larger one cannot be checked and so is refused")
    int max_image_mb() default 4;

    @AttributeDefinition(cardinality = 50, description = "Stricter limits per category, category=score (0..1), e.g."
            + " violence=0.4: a score at or above it flags the input even when OpenAI did not. They only ever add"
            + " flags; OpenAI's own flags always count")
    String[] thresholds() default {};

    @AttributeDefinition(description = "Order among moderation engines (all of them run; higher first)")
    int service_ranking() default 0;
}
