package org.aisora.providers.runway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Runway developer-API account (factory PID org.aisora.providers.runway, one instance per account). */
@ObjectClassDefinition(name = "AiSora Runway provider",
        description = "Image-to-video and text-to-video through Runway's developer API (api.dev.runwayml.com)")
public @interface RunwayProviderConfig {
    String PID = "org.aisora.providers.runway";

    @AttributeDefinition(description = "Provider id shown in routing; unique among providers")
    String id() default "runway";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Runway API secret (key_...)")
    String _api_key() default "";

    @AttributeDefinition(description = "Runway API base URL")
    String base_url() default "https://api.dev.runwayml.com";

    @AttributeDefinition(description = "Value of the X-Runway-Version header (the API version we speak)")
    String api_version() default "2024-11-06";

    @AttributeDefinition(description = "Model for image-to-video (POST /v1/image_to_video)")
    String model() default "gen4_turbo";

    @AttributeDefinition(description = "Model for text-to-video (POST /v1/text_to_video)")
    String text_model() default "gen4.5";

    @AttributeDefinition(description = "Output ratios the models accept, as W:H in pixels; a job gets the nearest")
    String[] ratios() default {"1280:720", "720:1280", "1104:832", "832:1104", "960:960"};

    @AttributeDefinition(description = "Clip lengths the models accept, seconds; a job is rounded up to one")
    int[] durations() default {5, 10};

    @AttributeDefinition(description = "Hosts output videos may be downloaded from, comma separated; "
            + "'*.example.com' matches any subdomain")
    String allowed_output_hosts() default "dnznrvs05pmza.cloudfront.net";

    @AttributeDefinition(description = "Accept plain-http output URLs (tests only; never in production)")
    boolean allow_http_outputs() default false;

    @AttributeDefinition(description = "Largest output video accepted, bytes; streamed to the spool folder, never held "
            + "in memory. The core's upload_max_bytes (100 MiB by default) applies on top: this may only lower it")
    long max_output_bytes() default 100L * 1024 * 1024;

    @AttributeDefinition(description = "Folder for outputs while they download; empty means "
            + "${karaf.data}/aisora/vendor-spool. Files there are deleted once stored, and all at start-up")
    String spool_dir() default "";

    @AttributeDefinition(description = "Connect timeout, milliseconds")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Timeout of one API call, milliseconds")
    int request_timeout_ms() default 60_000;

    @AttributeDefinition(description = "Timeout of one output download, milliseconds")
    int download_timeout_ms() default 120_000;

    @AttributeDefinition(description = "Most calls in flight to this account at once")
    int max_concurrency() default 4;

    @AttributeDefinition(description = "What Runway charges, micro-USD: type[:WxH|:per-second]=micros")
    String[] prices() default {"image-to-video:per-second=50000", "text-to-video:per-second=120000"};


    @AttributeDefinition(name = "training.agreement", description = "Set to 'no-training' only when this account has a "
            + "signed no-training / zero-retention agreement with Runway. Without it the core never routes a job here, "
            + "because Runway's terms let it use inputs and outputs to improve its models")
    String training_agreement() default "";

    @AttributeDefinition(description = "Higher ranked providers are preferred when several can serve a job")
    int service_ranking() default 0;
}
