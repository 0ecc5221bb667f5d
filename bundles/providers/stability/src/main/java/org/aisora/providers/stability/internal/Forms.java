package org.aisora.providers.stability.internal;

import java.util.Locale;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.support.vendorhttp.Multipart;

/** The multipart/form-data bodies of Stability's v2beta calls, field names as Stability documents them. */
final class Forms {
    /** Stability's seeds run 0..4294967294; 0 asks it to pick one. */
    private static final long SEED_RANGE = 4_294_967_295L;
    /** Creative upscale requires a prompt; a job without one asks for fidelity, not new content. */
    static final String UPSCALE_PROMPT = "the same image, sharper and in higher resolution";

    private Forms() {
    }

    static Multipart textToImage(GenerationRequest request, Endpoint endpoint) {
        Multipart form = common(request, endpoint);
        form.field("aspect_ratio", AspectRatios.nearest(request.width(), request.height()));
        return form;
    }

    /** No aspect_ratio: for image-to-image the input's shape decides. */
    static Multipart imageToImage(GenerationRequest request, Endpoint endpoint, InputImage image, double strength) {
        Multipart form = common(request, endpoint);
        if (endpoint.hasMode()) {
            form.field("mode", "image-to-image");
        }
        form.file("image", image.filename(), image.contentType(), image.bytes());
        form.field("strength", decimal(strength));
        return form;
    }

    static Multipart imageToVideo(GenerationRequest request, InputImage frame, double cfgScale, int motionBucketId) {
        return new Multipart()
                .file("image", frame.filename(), frame.contentType(), frame.bytes())
                .field("seed", seed(request.seed()))
                .field("cfg_scale", decimal(cfgScale))
                .field("motion_bucket_id", Integer.toString(motionBucketId));
    }

    static Multipart upscale(GenerationRequest request, InputImage image) {
        String prompt = request.prompt() == null || request.prompt().isBlank() ? UPSCALE_PROMPT : request.prompt();
        Multipart form = new Multipart()
                .file("image", image.filename(), image.contentType(), image.bytes())
                .field("prompt", prompt);
        negative(form, request);
        return form.field("seed", seed(request.seed())).field("output_format", "png");
    }

    static String seed(long seed) {
        return Long.toString(Math.floorMod(seed, SEED_RANGE));
    }

    private static Multipart common(GenerationRequest request, Endpoint endpoint) {
        Multipart form = new Multipart().field("prompt", request.prompt() == null ? "" : request.prompt());
        negative(form, request);
        if (endpoint.sd3Model() != null) {
            form.field("model", endpoint.sd3Model());
        }
        return form.field("seed", seed(request.seed())).field("output_format", "png");
    }

    private static void negative(Multipart form, GenerationRequest request) {
        if (request.negativePrompt() != null && !request.negativePrompt().isBlank()) {
            form.field("negative_prompt", request.negativePrompt());
        }
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
