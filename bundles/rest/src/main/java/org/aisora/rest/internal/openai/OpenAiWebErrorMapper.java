package org.aisora.rest.internal.openai;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * What the JAX-RS runtime raises itself (unknown path, wrong method or media type) in OpenAI's shape;
 * a mapper of its own because the runtime's default one for this type is closer than {@code Throwable}.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(OpenAiApplication.SELECT)
public final class OpenAiWebErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        OpenAiError known = OpenAiErrors.of(e);
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.ResponseBuilder builder = (known != null ? known : OpenAiErrors.forStatus(status)).builder();
        if (original != null && original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        return builder.build();
    }
}
