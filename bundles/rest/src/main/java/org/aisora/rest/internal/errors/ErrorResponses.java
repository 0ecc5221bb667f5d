package org.aisora.rest.internal.errors;

import java.util.Map;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error":{"code":"snake_case","message":"human text"}}}. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response.ResponseBuilder builder(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", Map.of("code", code, "message", message == null ? "" : message)));
    }

    public static Response of(int status, String code, String message) {
        return builder(status, code, message).build();
    }
}
