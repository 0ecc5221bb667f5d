package org.aisora.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Locale;
import java.util.Set;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.providers.support.ProviderJson;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * OpenAI's own failure signals, read from its error body {@code {"error":{"message","type","code"}}}
 * before the generic HTTP meaning. The vendor's message is matched but never copied out: it may quote
 * the prompt.
 */
final class OpenAiErrors {
    /** Out of credit or billing off: no retry helps until someone pays, so the job must not wait on it. */
    static final String QUOTA_EXCEEDED = "provider_quota_exceeded";

    /** dall-e answers content_policy_violation, gpt-image models moderation_blocked. */
    private static final Set<String> POLICY = Set.of("content_policy_violation", "moderation_blocked");
    private static final Set<String> QUOTA = Set.of("insufficient_quota", "billing_hard_limit_reached",
            "billing_not_active");

    private OpenAiErrors() {
    }

    static ProviderException map(VendorResponse response, ProviderHttp http) {
        JsonNode error = errorObject(response);
        String code = field(error, "code");
        String type = field(error, "type");
        String message = field(error, "message");
        int status = response.status();
        if (status == 400 && (POLICY.contains(code) || POLICY.contains(type) || message.contains("safety system"))) {
            return new ProviderException(ProviderException.CONTENT_POLICY,
                    "OpenAI's safety system refused the prompt or image", false);
        }
        if (status >= 400 && status < 500 && (QUOTA.contains(code) || QUOTA.contains(type))) {
            return new ProviderException(QUOTA_EXCEEDED,
                    "the OpenAI account has no quota left (" + (QUOTA.contains(code) ? code : type) + ")", false);
        }
        return http.failure(response);
    }

    private static JsonNode errorObject(VendorResponse response) {
        try {
            return ProviderJson.parse(response).path("error");
        } catch (ProviderException e) {
            return MissingNode.getInstance(); // an HTML page from a proxy: only the status is left to go on
        }
    }

    private static String field(JsonNode error, String name) {
        JsonNode value = error.path(name);
        return value.isTextual() ? value.asText().toLowerCase(Locale.ROOT) : "";
    }
}
