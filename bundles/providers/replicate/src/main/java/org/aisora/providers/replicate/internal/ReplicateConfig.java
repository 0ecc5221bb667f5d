package org.aisora.providers.replicate.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Replicate account (factory PID org.aisora.providers.replicate, e.g. etc/org.aisora.providers.replicate-default.cfg). */
@ObjectClassDefinition(name = "AiSora Replicate provider",
        description = "Runs generations as Replicate predictions and copies every output at once")
public @interface ReplicateConfig {
    String PID = "org.aisora.providers.replicate";

    @AttributeDefinition(description = "Provider id shown in routing; unique among providers")
    String id() default "replicate";

    /** Property {@code .api.key}: the leading dot keeps it out of the service registry (service:list). */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Replicate API token (sent as Bearer)")
    String _api_key() default "";

    @AttributeDefinition(description = "API base URL")
    String base_url() default "https://api.replicate.com";

    @AttributeDefinition(cardinality = 16, description = "One entry per generation type: type=owner/name (official model, "
            + "models endpoint) or type=owner/name:version (a model version, predictions endpoint)")
    String[] models() default {"text-to-image=black-forest-labs/flux-schnell"};

    @AttributeDefinition(cardinality = 16, description = "Input field that receives the user's image, per type: type=field "
            + "(default field 'image')")
    String[] image_fields() default {};

    @AttributeDefinition(description = "Seconds the create call may wait for a fast model (Prefer: wait=N, "
            + "1..60); 0 always polls")
    int wait_seconds() default 0;

    @AttributeDefinition(cardinality = 64, description = "Hosts outputs may be downloaded from; '*.example.com' matches subdomains")
    String[] allowed_output_hosts() default {"replicate.delivery", "*.replicate.delivery"};

    @AttributeDefinition(description = "Accept plain-http output URLs (tests on loopback only)")
    boolean allow_http_outputs() default false;

    @AttributeDefinition(description = "Largest output file accepted, bytes; streamed to the spool folder, never held "
            + "in memory. The core's upload_max_bytes (100 MiB by default) applies on top: this may only lower it")
    long max_output_bytes() default 100L * 1024 * 1024;

    @AttributeDefinition(description = "Folder for outputs while they download; empty means "
            + "${karaf.data}/aisora/vendor-spool. Files there are deleted once stored, and all at start-up")
    String spool_dir() default "";

    @AttributeDefinition(description = "Most output files taken from one prediction")
    int max_outputs() default 4;

    @AttributeDefinition(description = "Largest input image sent inline as a data: URI, bytes")
    int max_input_bytes() default 10 * 1024 * 1024;

    @AttributeDefinition(description = "Widest output accepted, pixels")
    int max_width() default 1440;

    @AttributeDefinition(description = "Tallest output accepted, pixels")
    int max_height() default 1440;

    @AttributeDefinition(description = "Longest video accepted, seconds")
    int max_duration_seconds() default 10;

    @AttributeDefinition(description = "Connect timeout, milliseconds")
    int connect_timeout_ms() default 5000;

    @AttributeDefinition(description = "Timeout of one API call or download, milliseconds")
    int request_timeout_ms() default 60000;

    @AttributeDefinition(description = "Most calls in flight to this account; more answer rate_limited at once")
    int max_concurrency() default 8;

    @AttributeDefinition(cardinality = 256, description = "Our cost per attempt in micro-USD: type[:WxH|:per-second]=micros")
    String[] prices() default {};


    @AttributeDefinition(name = "training.agreement", description = "Set to 'no-training' only when this account has a "
            + "signed no-training / zero-retention agreement with Replicate. Without it the core never routes a job here, "
            + "because Replicate runs models published by others and its training terms for API content are not stated here (unknown)")
    String training_agreement() default "";

    @AttributeDefinition(description = "Higher ranked providers are preferred when several can serve a job")
    int service_ranking() default 0;
}
