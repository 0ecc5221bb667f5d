package org.aisora.providers.openai.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One OpenAI account for image generation: factory PID {@code org.aisora.providers.openai}, so
 * {@code etc/org.aisora.providers.openai-<name>.cfg} adds a provider per file (two accounts, two models).
 */
@ObjectClassDefinition(name = "AiSora OpenAI images provider",
        description = "Text-to-image and image-to-image through OpenAI's Images API (generations and edits)")
public @interface OpenAiImagesConfig {
    String PID = "org.aisora.providers.openai";

    @AttributeDefinition(description = "The provider id shown in routing; give each account its own, e.g. openai-team")
    String id() default "openai";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "OpenAI API key (sk-...); blank keeps the"
            + " provider OFFLINE")
    String _api_key() default "";

    @AttributeDefinition(description = "API root without /v1; change only for a proxy or a compatible gateway")
    String base_url() default "https://api.openai.com";

    @AttributeDefinition(description = "Image model, e.g. gpt-image-1, dall-e-3 (generations only) or dall-e-2")
    String model() default "gpt-image-1";

    @AttributeDefinition(cardinality = 20, description = "Sizes the model accepts, as WxH; a job of any other size is"
            + " refused. gpt-image-1: 1024x1024, 1024x1536, 1536x1024; dall-e-3: 1024x1024, 1792x1024, 1024x1792;"
            + " dall-e-2: 256x256, 512x512, 1024x1024")
    String[] sizes() default {"1024x1024", "1024x1536", "1536x1024"};

    @AttributeDefinition(description = "Quality sent with every request (gpt-image-1: low, medium, high; dall-e-3:"
            + " standard, hd); blank leaves it to OpenAI. Keep the prices below in step with it")
    String quality() default "medium";

    @AttributeDefinition(description = "Milliseconds to open a connection")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Milliseconds for one whole call; large gpt-image-1 renders take a minute")
    int request_timeout_ms() default 180_000;

    @AttributeDefinition(description = "Most calls in flight on this account at once; more are refused as rate limited")
    int max_concurrency() default 4;

    @AttributeDefinition(cardinality = 100, description = "What one image costs, micro-USD, one entry per line:"
            + " type[:WxH]=micros. Defaults: OpenAI's list prices for gpt-image-1 at medium quality; image-to-image"
            + " also pays for the input image's tokens, which this table does not add")
    String[] prices() default {"text-to-image:1024x1024=42000", "text-to-image:1024x1536=63000",
        "text-to-image:1536x1024=63000", "image-to-image:1024x1024=42000", "image-to-image:1024x1536=63000",
        "image-to-image:1536x1024=63000"};

    @AttributeDefinition(description = "Higher ranked providers are preferred when several can serve a job")
    int service_ranking() default 0;

    @AttributeDefinition(description = "Folder for answers and images while they download; empty means "
            + "${karaf.data}/aisora/vendor-spool. Files there are deleted once stored, and all at start-up")
    String spool_dir() default "";
}
