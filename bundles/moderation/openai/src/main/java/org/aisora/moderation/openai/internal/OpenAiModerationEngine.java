package org.aisora.moderation.openai.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.support.vendorhttp.Json;
import org.aisora.support.vendorhttp.VendorHealth;
import org.aisora.support.vendorhttp.VendorHttp;
import org.aisora.support.vendorhttp.VendorHttpException;
import org.aisora.support.vendorhttp.VendorHttpException.Kind;
import org.aisora.support.vendorhttp.VendorResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Prompts and images checked by {@code POST /v1/moderations}. Every way of not getting a verdict (no key,
 * a refused key, a vendor error, an unreadable answer, an image too large to send) is an exception, which
 * the core treats as "could not be checked" and refuses the job: this engine never answers "clean" unseen.
 * Vendor failures come back as {@link VendorHttpException}s and leave as the SPI's exceptions (an
 * IllegalStateException for text, an IOException for images), their kind named in the message.
 * No {@code @Modified}: a new configuration is a new instance, which also forgets a key refusal.
 */
@Component(name = OpenAiModerationConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ModerationEngine.class)
@Designate(ocd = OpenAiModerationConfig.class, factory = false)
public final class OpenAiModerationEngine implements ModerationEngine {
    private static final String VENDOR = "OpenAI moderation";
    private static final long MAX_RESPONSE_BYTES = 256 * 1024;
    /** The image types OpenAI's moderation reads. */
    private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");
    /** What OpenAI's API data usage policy states for API inputs (moderation included). */
    static final DataTransfer TRANSFER = new DataTransfer("OpenAI", "content moderation of prompts and images",
            List.of("prompts", "generated images"),
            "API inputs and outputs kept up to 30 days for abuse monitoring, not used for training");

    private final ModerationSettings settings;
    private final VendorHttp http;
    private volatile boolean keyRefused;

    @Activate
    public OpenAiModerationEngine(OpenAiModerationConfig config) {
        this(ModerationSettings.of(config), Clock.systemUTC());
    }

    OpenAiModerationEngine(ModerationSettings settings, Clock clock) {
        this.settings = settings;
        this.http = settings.fatal() != null ? null : new VendorHttp(VENDOR, settings.baseUrl(),
                Duration.ofMillis(settings.connectTimeoutMs()), Duration.ofMillis(settings.requestTimeoutMs()),
                MAX_RESPONSE_BYTES, clock);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public Optional<DataTransfer> dataTransfer() {
        return Optional.of(TRANSFER);
    }

    @Override
    public PluginHealth health() {
        if (settings.fatal() != null) {
            return PluginHealth.offline(settings.fatal());
        }
        return VendorHealth.of(keyRefused, settings.problems());
    }

    /** @throws IllegalStateException when OpenAI gave no verdict */
    @Override
    public ModerationVerdict moderateText(String text) {
        if (text == null || text.isBlank()) {
            return ModerationVerdict.allow();
        }
        try {
            return moderate(Json.object().put("model", settings.model()).put("input", text));
        } catch (VendorHttpException e) {
            throw new IllegalStateException(noVerdict(e), e);
        }
    }

    /** OpenAI's omni-moderation models classify images (sexual, violence, self-harm). */
    @Override
    public boolean classifiesImages() {
        return true;
    }

    /** @throws IOException when the image cannot be sent or OpenAI gave no verdict */
    @Override
    public ModerationVerdict moderateImage(InputStream image, String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!IMAGES.contains(type)) {
            throw new IOException(VENDOR + " reads PNG, JPEG, WebP and GIF images only, not '" + type + "'");
        }
        byte[] bytes = image.readNBytes(settings.maxImageBytes() + 1);
        if (bytes.length > settings.maxImageBytes()) {
            throw new IOException("the image is over " + settings.maxImageBytes() / (1024 * 1024)
                    + " MB, the most " + VENDOR + " is configured to send");
        }
        ObjectNode body = Json.object().put("model", settings.model());
        ArrayNode input = body.putArray("input");
        input.addObject().put("type", "image_url").putObject("image_url")
                .put("url", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes));
        try {
            return moderate(body);
        } catch (VendorHttpException e) {
            throw new IOException(noVerdict(e), e);
        }
    }

    private static String noVerdict(VendorHttpException e) {
        return VENDOR + " gave no verdict (" + e.code() + "): " + e.getMessage();
    }

    private ModerationVerdict moderate(ObjectNode body) throws VendorHttpException {
        if (http == null) {
            throw new VendorHttpException(Kind.UNAVAILABLE, VENDOR + " " + settings.id()
                    + " cannot check anything: " + settings.fatal(), false);
        }
        HttpRequest call = http.request("/v1/moderations")
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        VendorResponse response = http.exchange(call);
        if (!response.ok()) {
            VendorHttpException failure = http.failure(response);
            if (failure.kind() == Kind.AUTH_REFUSED) {
                keyRefused = true;
            }
            throw failure;
        }
        try {
            return Verdicts.of(response.json(), settings.thresholds());
        } catch (IllegalArgumentException e) {
            throw new VendorHttpException(Kind.INVALID_ANSWER, e.getMessage(), false);
        }
    }
}
