package org.aisora.rest.internal.http;

import java.lang.annotation.Annotation;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * The other half of {@link BodyGuard}, run on every answer before it is written: a body that went past
 * its cap is answered 413 {@code body_too_large} (whatever the reader made of the broken stream), and a
 * body that was not read to its end is abandoned and the connection closed, so neither CXF nor Jetty
 * reads the rest of it (a client would otherwise wait for its whole upload to be drained, or spooled,
 * before it saw the refusal).
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class BodyGuardResponseFilter implements ContainerResponseFilter {
    /** A thread-safe proxy the JAX-RS runtime injects; null outside a container. */
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object attribute = servletRequest == null ? null : servletRequest.getAttribute(GuardedRequest.BODY);
        if (!(attribute instanceof CappedInputStream body)) {
            return;
        }
        if (body.tripped()) {
            response.setStatus(413);
            // JSON text, not a map: CXF would write a map with the resource method's declared type
            response.setEntity(BodyGuard.Refusals.json("body_too_large",
                    "the request body is larger than " + body.limit() + " bytes"),
                    new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
        boolean hasBody = servletRequest.getContentLengthLong() > 0
                || servletRequest.getHeader("Transfer-Encoding") != null;
        if (hasBody && !body.readToEnd()) {
            body.abandon();
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
