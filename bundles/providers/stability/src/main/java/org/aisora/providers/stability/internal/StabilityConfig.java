package org.aisora.providers.stability.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Stability AI account (factory PID org.aisora.providers.stability, e.g.
 * etc/org.aisora.providers.stability-default.cfg). Property names are the method names with '_' as '.'.
 */
@ObjectClassDefinition(name = "AiSora Stability AI provider",
        description = "Stable Image generate/upscale and image-to-video through Stability AI's REST v2beta API")
public @interface StabilityConfig {
    String PID = "org.aisora.providers.stability";

    @AttributeDefinition(description = "Provider id shown in routing; unique among providers")
    String id() default "stability";

    /**
     * Preferred: property {@code .api.key}. DS publishes every component property without a leading '.'
     * as a service property, so a key in {@code api.key} is readable by any bundle and in service:list.
     */
    @AttributeDefinition(type = AttributeType.PASSWORD, name = "API key (private)",
            description = "Stability AI API key (sk-...), kept out of the service properties")
    String _api_key() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Stability AI API key as the house convention names it; visible as a service property, "
                    + "prefer .api.key")
    String api_key() default "";

    @AttributeDefinition(description = "API base URL")
    String base_url() default "https://api.stability.ai";

    @AttributeDefinition(description = "Text-to-image endpoint: core, ultra, sd3 or sd3/<model> (e.g. sd3/sd3.5-large)")
    String model() default "core";

    @AttributeDefinition(description = "Image-to-image endpoint: ultra, sd3 or sd3/<model> (core takes no input image)")
    String image_model() default "sd3";

    @AttributeDefinition(description = "Image-to-image strength, 0..1: how far the result may move away from the input")
    double strength() default 0.6;

    @AttributeDefinition(description = "Image-to-video cfg_scale, 0..10: how closely the clip sticks to the image")
    double video_cfg_scale() default 1.8;

    @AttributeDefinition(description = "Image-to-video motion_bucket_id, 1..255: more is more motion")
    int video_motion_bucket_id() default 127;

    @AttributeDefinition(description = "Widest request accepted, pixels (Stability picks the exact size from the aspect ratio)")
    int max_width() default 2048;

    @AttributeDefinition(description = "Tallest request accepted, pixels")
    int max_height() default 2048;

    @AttributeDefinition(description = "Connect timeout, milliseconds")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Timeout of one call, milliseconds (a synchronous generation included)")
    int request_timeout_ms() default 120_000;

    @AttributeDefinition(description = "Calls in flight to this account at most; more are refused as rate limited")
    int max_concurrency() default 4;

    @AttributeDefinition(description = "Vendor prices in micro-USD: type[:WxH|:per-second]=micros")
    String[] prices() default {"text-to-image=30000", "image-to-image=65000", "image-to-video=200000",
        "upscale=250000"};


    @AttributeDefinition(name = "training.agreement", description = "Set to 'no-training' only when this account has a "
            + "signed no-training / zero-retention agreement with Stability AI. Without it the core never routes a job here, "
            + "because its training terms for API content are not stated here (unknown)")
    String training_agreement() default "";

    @AttributeDefinition(description = "Higher ranked providers are preferred when several can serve a job")
    int service_ranking() default 0;

    @AttributeDefinition(description = "Folder for outputs while they download; empty means "
            + "${karaf.data}/aisora/vendor-spool. Files there are deleted once stored, and all at start-up")
    String spool_dir() default "";
}
