package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.Set;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.service.ErrorView;
import org.aisora.api.service.GenerationView;

/** What each AiSora failure is in OpenAI's terms: status, type, param and code. */
public final class OpenAiErrors {
    static final String CONTENT_POLICY = "content_policy_violation";
    private static final String CONTENT_POLICY_MESSAGE = "Your request was rejected by the safety system: ";
    private static final Set<String> REFUSED = Set.of("prompt_rejected", "output_rejected", ProviderException.CONTENT_POLICY);
    /** Job failures that are the caller's request, not our side. */
    private static final Set<String> CALLER_FAULT = Set.of(ProviderException.INVALID_REQUEST, "invalid_duration",
            "unsupported_type", "invalid_input");
    /** Job failures that may pass: an outage, a busy or slow provider, no moderation engine. */
    private static final Set<String> UNAVAILABLE = Set.of("no_provider", "moderation_unavailable",
            ProviderException.UNAVAILABLE, ProviderException.RATE_LIMITED, ProviderException.TIMEOUT,
            ProviderException.AUTH_FAILED, "storage_error");

    private OpenAiErrors() {
    }

    static OpenAiError missingKey() {
        return new OpenAiError(401, "You didn't provide an API key. Send an AiSora session token as "
                + "Authorization: Bearer <token>.", OpenAiError.INVALID_REQUEST, null, null, false);
    }

    /** The token filter's refusal for a front-door request, in OpenAI's shape (SDKs read code invalid_api_key). */
    public static javax.ws.rs.core.Response refusedKey(String why) {
        return invalidKey(why).builder().header("WWW-Authenticate", "Bearer").build();
    }

    /** A refusal of the token filter other than a bad key (a missing scope), in OpenAI's shape. */
    public static javax.ws.rs.core.Response refused(AisoraException e) {
        return fromAisora(e).builder().build();
    }

    static OpenAiError invalidKey(String why) {
        return new OpenAiError(401, "Incorrect API key provided: " + why + ".", OpenAiError.INVALID_REQUEST, null,
                "invalid_api_key", false);
    }

    static OpenAiError timeout(Duration waited) {
        return OpenAiError.server(503, "The image was not ready within " + waited.toSeconds()
                + " s; the generation was canceled and its credits released.", "generation_timeout").notRetryable();
    }

    /** Any exception a resource or the runtime raised; {@code null} when it is unexpected (our bug). */
    static OpenAiError of(Throwable t) {
        if (t instanceof OpenAiException e) {
            return e.error();
        }
        if (t instanceof AisoraException e) {
            return fromAisora(e);
        }
        if (t instanceof JsonProcessingException || t.getCause() instanceof JsonProcessingException) {
            return OpenAiError.invalid("We could not parse the JSON body of your request.", null, "invalid_json");
        }
        return null;
    }

    static OpenAiError unexpected(String incident) {
        return OpenAiError.server(500, "The server had an error while processing your request (incident "
                + incident + ").", "internal_error");
    }

    static OpenAiError fromAisora(AisoraException e) {
        String message = e.getMessage();
        return switch (e.kind()) {
            case BAD_REQUEST, UNPROCESSABLE -> OpenAiError.invalid(message, param(e.code()), e.code());
            case UNAUTHORIZED -> invalidKey(message);
            case PAYMENT_REQUIRED -> new OpenAiError(429, "You exceeded your current quota: " + message + ".",
                    OpenAiError.INSUFFICIENT_QUOTA, null, "insufficient_quota", false);
            case RATE_LIMITED -> new OpenAiError(429, message, OpenAiError.RATE_LIMIT, null, "rate_limit_exceeded", true);
            case INTERNAL -> OpenAiError.server(500, message, e.code());
            case UNAVAILABLE -> OpenAiError.server(503, message, e.code());
            default -> new OpenAiError(e.kind().status(), message, OpenAiError.INVALID_REQUEST, null, e.code(), false);
        };
    }

    /** A job that ended without images: moderation refusals are OpenAI's content-policy 400. */
    static OpenAiError fromJob(GenerationView job) {
        ErrorView error = job.error();
        String code = error == null || error.code() == null ? "" : error.code();
        String message = error == null || error.message() == null ? "the generation " + job.status() : error.message();
        if ("rejected".equals(job.status()) || REFUSED.contains(code)) {
            return OpenAiError.invalid(CONTENT_POLICY_MESSAGE + message, null, CONTENT_POLICY);
        }
        if ("canceled".equals(job.status())) {
            return new OpenAiError(409, "The generation was canceled before it finished.", OpenAiError.INVALID_REQUEST,
                    null, "generation_canceled", false);
        }
        if (CALLER_FAULT.contains(code)) {
            return OpenAiError.invalid(message, null, code);
        }
        if (UNAVAILABLE.contains(code)) {
            return OpenAiError.server(503, message, code);
        }
        return OpenAiError.server(500, message, code.isEmpty() ? "generation_failed" : code);
    }

    /** What the JAX-RS runtime raised itself (unknown path, wrong method or media type). */
    static OpenAiError forStatus(int status) {
        return switch (status) {
            case 404 -> new OpenAiError(404, "Unknown request URL.", OpenAiError.INVALID_REQUEST, null,
                    "unknown_url", false);
            case 405 -> new OpenAiError(405, "This method is not allowed on this URL.", OpenAiError.INVALID_REQUEST, null,
                    "method_not_allowed", false);
            case 415 -> new OpenAiError(415, "Send the request body as application/json.", OpenAiError.INVALID_REQUEST,
                    null, "unsupported_media_type", false);
            default -> status >= 500 ? OpenAiError.server(status, "The server could not process the request.", null)
                    : new OpenAiError(status, "The request could not be processed (HTTP " + status + ").",
                            OpenAiError.INVALID_REQUEST, null, null, false);
        };
    }

    private static String param(String code) {
        return switch (code == null ? "" : code) {
            case "invalid_size", "provider_incapable" -> "size";
            case "invalid_prompt" -> "prompt";
            case "unknown_provider" -> "model";
            case "invalid_n" -> "n";
            case "invalid_response_format" -> "response_format";
            default -> null;
        };
    }
}
