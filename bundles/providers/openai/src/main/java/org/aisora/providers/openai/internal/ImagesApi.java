package org.aisora.providers.openai.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.JsonBase64;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.providers.support.SpooledOutput;
import org.aisora.providers.support.VendorDownload;
import org.aisora.support.vendorhttp.Json;
import org.aisora.support.vendorhttp.Multipart;

/**
 * The two endpoints of OpenAI's Images API we use, both answering {@code {created, data:[{b64_json}]}}:
 * {@code POST /v1/images/generations} (JSON) and {@code POST /v1/images/edits} (multipart with the image).
 */
final class ImagesApi {
    /** A decoded image larger than this is not an image OpenAI would make (its largest PNGs are a few MB). */
    static final int MAX_OUTPUT_BYTES = 48 * 1024 * 1024;
    /** OpenAI's own limit for an edit's input image. */
    static final int MAX_INPUT_BYTES = 50 * 1024 * 1024;
    /** Base64 of the largest output plus the JSON around it; the answer streams to the spool, never the heap. */
    static final long MAX_RESPONSE_BYTES = 4L * MAX_OUTPUT_BYTES / 3 + 64 * 1024;

    private final OpenAiSettings settings;
    private final ProviderHttp http;
    private final OutputSpool spool;

    ImagesApi(OpenAiSettings settings, ProviderHttp http, OutputSpool spool) {
        this.settings = settings;
        this.http = http;
        this.spool = spool;
    }

    GeneratedOutput generate(GenerationRequest request) throws ProviderException {
        ObjectNode body = Json.object()
                .put("model", settings.model())
                .put("prompt", prompt(request))
                .put("n", 1)
                .put("size", size(request));
        if (!settings.quality().isEmpty()) {
            body.put("quality", settings.quality());
        }
        if (settings.asksForBase64()) {
            body.put("response_format", "b64_json");
        }
        HttpRequest call = authorized("/v1/images/generations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        return image(send(call));
    }

    GeneratedOutput edit(GenerationRequest request) throws ProviderException {
        MediaInput input = request.input();
        Multipart form = new Multipart()
                .field("model", settings.model())
                .field("prompt", prompt(request))
                .field("n", "1")
                .field("size", size(request));
        if (!settings.quality().isEmpty()) {
            form.field("quality", settings.quality());
        }
        if (settings.asksForBase64()) {
            form.field("response_format", "b64_json");
        }
        form.file("image", ImageType.fileName(input.contentType()), input.contentType(), read(input));
        HttpRequest call = authorized("/v1/images/edits")
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        return image(send(call));
    }

    private HttpRequest.Builder authorized(String path) {
        return http.request(path).header("Authorization", "Bearer " + settings.apiKey());
    }

    /** The answer's JSON, in a spool file; the caller closes it. */
    private SpooledOutput send(HttpRequest call) throws ProviderException {
        VendorDownload download = http.download(call, spool, MAX_RESPONSE_BYTES);
        if (!download.ok()) {
            throw OpenAiErrors.map(download.response(), http);
        }
        return download.file();
    }

    /**
     * The first (only: n=1) image, decoded from the spooled JSON straight into a spool file of its own, and
     * checked to be an image the core accepts.
     */
    private GeneratedOutput image(SpooledOutput json) throws ProviderException {
        SpooledOutput image;
        try (json) {
            image = JsonBase64.extract(json, spool, "OpenAI", MAX_OUTPUT_BYTES, "data", 0, "b64_json");
        }
        String type;
        try {
            type = ImageType.of(image.head(16));
        } catch (IOException e) {
            type = null;
        }
        if (type == null) {
            image.close();
            throw new ProviderException(ProviderException.INVALID_OUTPUT,
                    "OpenAI's output is not a PNG, JPEG or WebP image", false);
        }
        return image.typed(type);
    }

    private static byte[] read(MediaInput input) throws ProviderException {
        try (InputStream in = input.open()) {
            byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new ProviderException(ProviderException.INVALID_REQUEST,
                        "the input image is over OpenAI's limit of " + MAX_INPUT_BYTES / (1024 * 1024) + " MB", false);
            }
            return bytes;
        } catch (IOException e) {
            throw new ProviderException(ProviderException.UNAVAILABLE, "the input image could not be read", true);
        }
    }

    /** OpenAI has no negative prompt; saying it in words is the closest its models follow. */
    private static String prompt(GenerationRequest request) {
        String prompt = request.prompt() == null ? "" : request.prompt();
        String negative = request.negativePrompt();
        return negative == null || negative.isBlank() ? prompt : prompt + "\n\nAvoid: " + negative.trim();
    }

    private static String size(GenerationRequest request) {
        return request.width() + "x" + request.height();
    }
}
