package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * One error as OpenAI answers it: a status and {@code {"error":{"message","type","param","code"}}} with
 * nulls written out. {@code retryable == false} adds {@code x-should-retry: false}, which OpenAI's SDKs
 * obey, so a 429 for missing credits or a timed-out generation is not submitted again behind the caller's back.
 */
public record OpenAiError(int status, String message, String type, String param, String code, boolean retryable) {
    static final String INVALID_REQUEST = "invalid_request_error";
    static final String SERVER_ERROR = "server_error";
    static final String INSUFFICIENT_QUOTA = "insufficient_quota";
    static final String RATE_LIMIT = "requests";

    private static final ObjectMapper JSON = new ObjectMapper();

    record Body(Detail error) {
    }

    record Detail(String message, String type, String param, String code) {
    }

    static OpenAiError invalid(String message, String param, String code) {
        return new OpenAiError(400, message, INVALID_REQUEST, param, code, false);
    }

    static OpenAiError server(int status, String message, String code) {
        return new OpenAiError(status, message, SERVER_ERROR, null, code, true);
    }

    OpenAiError notRetryable() {
        return new OpenAiError(status, message, type, param, code, false);
    }

    /** The body, byte for byte what OpenAI's clients parse. */
    public String json() {
        try {
            return JSON.writeValueAsString(new Body(new Detail(message == null ? "" : message, type, param, code)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body of strings cannot fail to serialize", e);
        }
    }

    /** Written as a String so no JSON provider has to be bound for errors (a 401 from the filter included). */
    public Response.ResponseBuilder builder() {
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json());
        if (!retryable) {
            b.header("x-should-retry", "false");
        }
        if (status == 401) {
            b.header("WWW-Authenticate", "Bearer");
        }
        return b;
    }
}
