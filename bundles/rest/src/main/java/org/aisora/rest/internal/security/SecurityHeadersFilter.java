package org.aisora.rest.internal.security;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MultivaluedMap;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * The OWASP REST security headers on every response of the application: resources, errors, the auth
 * filter's 401s, unknown paths' 404s and CORS preflights alike (JAX-RS runs response filters on aborted
 * requests and mapped exceptions too). A resource that chose its own {@code Cache-Control} (media
 * delivery with ETags) keeps it; HSTS is sent only over HTTPS, where a browser honours it.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class SecurityHeadersFilter implements ContainerResponseFilter {
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.putSingle("Referrer-Policy", "no-referrer");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
        if (request.getSecurityContext() != null && request.getSecurityContext().isSecure()) {
            h.putSingle("Strict-Transport-Security", HSTS);
        }
    }
}
