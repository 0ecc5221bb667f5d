package org.aisora.providers.stability.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.ProviderJson;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * Stability's error answers, {@code {"id","name","errors":[...]}}, as the codes the core routes on. Only
 * the machine-readable {@code name} reaches our messages: the {@code errors} texts may quote the prompt.
 */
final class StabilityErrors {
    static final String CONTENT_MODERATION = "content_moderation";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private StabilityErrors() {
    }

    static ProviderException failure(Settings settings, VendorResponse response) {
        String name = name(response);
        int status = response.status();
        if (CONTENT_MODERATION.equals(name)) {
            return new ProviderException(ProviderException.CONTENT_POLICY,
                    "Stability AI's content moderation refused the request", false);
        }
        if (status == 401 || status == 403) {
            settings.keyRefused.set(true);
            return settings.http.failure(response);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new ProviderException(ProviderException.INVALID_REQUEST, "Stability AI rejected the request ("
                    + status + (name.isEmpty() ? "" : ", " + name) + ")", false);
        }
        return settings.http.failure(response);
    }

    /** A content-filtered result is a refusal, whatever bytes (a blurred image) came with it. */
    static void checkFinishReason(VendorResponse response) throws ProviderException {
        String reason = response.header("finish-reason");
        if (reason == null || reason.equalsIgnoreCase("SUCCESS")) {
            return;
        }
        if (reason.equalsIgnoreCase("CONTENT_FILTERED")) {
            throw new ProviderException(ProviderException.CONTENT_POLICY,
                    "Stability AI filtered the result for its content policy", false);
        }
        throw new ProviderException(ProviderException.INVALID_OUTPUT,
                "Stability AI finished with reason '" + printable(reason) + "'", false);
    }

    /** The error's name when the body is Stability's error JSON, else "". */
    private static String name(VendorResponse response) {
        if (response.body().length == 0 || response.body().length > 64 * 1024) {
            return "";
        }
        try {
            JsonNode name = ProviderJson.parse(response.body()).path("name");
            return name.isTextual() && NAME.matcher(name.asText()).matches() ? name.asText() : "";
        } catch (ProviderException e) {
            return "";
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return cut.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
