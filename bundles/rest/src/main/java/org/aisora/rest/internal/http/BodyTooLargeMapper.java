package org.aisora.rest.internal.http;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.errors.ErrorResponses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A body that went past its cap while a resource read it: the client's doing, not an incident of ours. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class BodyTooLargeMapper implements ExceptionMapper<CappedInputStream.BodyTooLargeException> {
    @Override
    public Response toResponse(CappedInputStream.BodyTooLargeException e) {
        return ErrorResponses.builder(413, "body_too_large", e.getMessage()).header("Connection", "close").build();
    }
}
