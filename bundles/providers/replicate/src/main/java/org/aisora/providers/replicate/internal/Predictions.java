package org.aisora.providers.replicate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.replicate.internal.ModelRoutes.Route;
import org.aisora.providers.support.ProviderJson;
import org.aisora.support.vendorhttp.Json;

/** Replicate's prediction object: the create body we send, and the task state an answer means. */
final class Predictions {
    /** The model ran and failed; final for this attempt. */
    static final String PROVIDER_FAILED = "provider_failed";
    /** Prediction ids go into our request paths, so only their documented alphabet is accepted. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** Model schemas declare 32-bit seeds; a wider one would be refused, so it is folded into range. */
    private static final long SEED_RANGE = 1L << 31;

    private Predictions() {
    }

    static ObjectNode createBody(Route route, GenerationRequest request, int maxInputBytes) throws ProviderException {
        ObjectNode body = Json.object();
        if (route.version() != null) {
            body.put("version", route.version());
        }
        ObjectNode input = body.putObject("input");
        input.put("prompt", request.prompt() == null ? "" : request.prompt());
        if (request.negativePrompt() != null && !request.negativePrompt().isBlank()) {
            input.put("negative_prompt", request.negativePrompt());
        }
        input.put("width", request.width());
        input.put("height", request.height());
        input.put("seed", Math.floorMod(request.seed(), SEED_RANGE));
        if (request.type().producesVideo() && request.durationSeconds() > 0) {
            input.put("duration", request.durationSeconds());
        }
        if (request.input() != null) {
            input.put(route.imageField(), dataUri(request.input(), maxInputBytes));
        }
        return body;
    }

    private static String dataUri(MediaInput media, int maxBytes) throws ProviderException {
        byte[] bytes;
        try (InputStream in = media.open()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "the input image could not be read", false);
        }
        if (bytes.length > maxBytes) {
            throw new ProviderException(ProviderException.INVALID_REQUEST,
                    "the input image is over " + maxBytes + " bytes, the most sent to Replicate inline", false);
        }
        return "data:" + media.contentType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static String checkedId(String id) throws ProviderException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProviderException(ProviderException.INVALID_OUTPUT, "Replicate sent a malformed prediction id",
                    false);
        }
        return id;
    }

    /** The task a prediction's state means; a success copies its outputs before it is reported. */
    static ProviderTask toTask(JsonNode prediction, OutputFetcher outputs) throws ProviderException {
        String id = checkedId(ProviderJson.text(prediction, "id"));
        String status = ProviderJson.text(prediction, "status");
        return switch (status) {
            case "starting", "processing" -> ProviderTask.running(id);
            case "succeeded" -> ProviderTask.succeeded(id, outputs.fetchAll(prediction.path("output")));
            case "canceled" -> new ProviderTask(id, ProviderTask.Status.CANCELED, List.of(), null, null);
            case "failed", "aborted" -> failed(id, prediction.path("error"));
            default -> throw new ProviderException(ProviderException.INVALID_OUTPUT,
                    "Replicate sent an unknown prediction status", false);
        };
    }

    /** The model's error text decides the code but is not passed on: it may quote the prompt. */
    private static ProviderTask failed(String id, JsonNode error) {
        String text = error.isTextual() ? error.asText().toLowerCase(Locale.ROOT) : "";
        if (text.contains("nsfw") || text.contains("sensitive")) {
            return ProviderTask.failed(id, ProviderException.CONTENT_POLICY,
                    "the model at Replicate flagged the content as sensitive");
        }
        return ProviderTask.failed(id, PROVIDER_FAILED, "the prediction failed at Replicate");
    }
}
