package org.aisora.rest.internal.errors;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.error.ServiceBusyException;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** Domain errors: the kind decides the status, the code and message pass through. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class AisoraExceptionMapper implements ExceptionMapper<AisoraException> {
    @Override
    public Response toResponse(AisoraException e) {
        Response.ResponseBuilder builder = ErrorResponses.builder(e.kind().status(), e.code(), e.getMessage());
        if (e.kind() == AisoraException.Kind.UNAUTHORIZED) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        if (e instanceof RateLimitedException limited) {
            builder.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (e instanceof ServiceBusyException busy) {
            builder.header("Retry-After", Long.toString(busy.retryAfterSeconds()));
        }
        return builder.build();
    }
}
