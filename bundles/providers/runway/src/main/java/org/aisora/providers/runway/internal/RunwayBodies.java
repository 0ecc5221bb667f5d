package org.aisora.providers.runway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.support.vendorhttp.Json;

/** The JSON bodies of POST /v1/image_to_video and /v1/text_to_video, from a request and the settings. */
final class RunwayBodies {
    /** Runway's limit on a data URI in a request body (docs "Inputs": 5 MB, 1024 x 1024 x 5 characters). */
    static final int MAX_DATA_URI = 5 * 1024 * 1024;
    /** Runway's limit on promptText. */
    static final int MAX_PROMPT = 1000;
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    private RunwayBodies() {
    }

    static ObjectNode imageToVideo(GenerationRequest request, RunwaySettings settings) throws ProviderException {
        MediaInput input = request.input();
        if (input == null) {
            throw invalid("image-to-video needs an input image");
        }
        ObjectNode body = common(request, settings, settings.model());
        body.put("promptImage", dataUri(input));
        // Runway's seed is an unsigned 32-bit integer
        body.put("seed", Math.floorMod(request.seed(), 1L << 32));
        return body;
    }

    static ObjectNode textToVideo(GenerationRequest request, RunwaySettings settings) throws ProviderException {
        if (request.prompt() == null || request.prompt().isBlank()) {
            throw invalid("text-to-video needs a prompt");
        }
        return common(request, settings, settings.textModel());
    }

    private static ObjectNode common(GenerationRequest request, RunwaySettings settings, String model)
            throws ProviderException {
        ObjectNode body = Json.object();
        body.put("model", model);
        String prompt = request.prompt() == null ? "" : request.prompt().strip();
        if (prompt.codePointCount(0, prompt.length()) > MAX_PROMPT) {
            throw invalid("Runway takes prompts of at most " + MAX_PROMPT + " characters");
        }
        if (!prompt.isEmpty()) {
            body.put("promptText", prompt);
        }
        body.put("ratio", settings.shapes().nearest(request.width(), request.height()).wire());
        body.put("duration", settings.shapes().duration(request.durationSeconds()));
        return body;
    }

    private static String dataUri(MediaInput input) throws ProviderException {
        String type = input.contentType() == null ? "" : input.contentType().toLowerCase(Locale.ROOT);
        if (!IMAGE_TYPES.contains(type)) {
            throw invalid("Runway takes PNG, JPEG or WebP input images, not " + type);
        }
        String prefix = "data:" + type + ";base64,";
        int maxBytes = (MAX_DATA_URI - prefix.length()) / 4 * 3;
        byte[] image;
        try (InputStream in = input.open()) {
            image = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "the input image could not be read", false);
        }
        if (image.length > maxBytes) {
            throw invalid("the input image is over Runway's " + maxBytes + "-byte limit for inline images");
        }
        return prefix + Base64.getEncoder().encodeToString(image);
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(ProviderException.INVALID_REQUEST, message, false);
    }
}
