package org.aisora.rest.internal.errors;

import java.util.Map;
import javax.ws.rs.core.GenericEntity;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error":{"code":"snake_case","message":"human text"}}}. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response.ResponseBuilder builder(int status, String code, String message) {
        // a GenericEntity pins the type written: an error a filter aborts a matched request with would otherwise be
        // written as the matched method's return type (seen: GET /admin/routing refused to a token gave
        // {"error"} and then a second error body)
        Map<String, Object> body = Map.of("error", Map.of("code", code, "message", message == null ? "" : message));
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new GenericEntity<Map<String, Object>>(body) { });
    }

    public static Response of(int status, String code, String message) {
        return builder(status, code, message).build();
    }
}
