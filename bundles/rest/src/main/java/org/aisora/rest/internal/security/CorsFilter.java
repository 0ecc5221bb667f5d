package org.aisora.rest.internal.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * CORS, off unless origins are configured ({@link CorsSettings}). An allowed origin's preflight is
 * answered here (204) before any resource or the auth filter sees it; its other requests get the origin
 * echoed back. Any other origin gets no CORS header at all, so the browser keeps the answer from the page.
 * Credentials are bearer tokens, never cookies, so {@code Allow-Credentials} is not sent.
 * Not CXF's {@code CrossOriginResourceSharingFilter}: it allows every origin when its list is empty, always sends
 * {@code Allow-Credentials} and never {@code Vary: Origin} (docs/architecture.md, "REST: CORS").
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@PreMatching
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final Set<String> HEADERS = Set.of("authorization", "content-type", "idempotency-key", "range",
            "if-none-match", "accept");
    static final String EXPOSED = "Retry-After, ETag, Content-Disposition, Content-Range, Location";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CorsSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String asked = request.getHeaderString("Access-Control-Request-Method");
        CorsSettings s = settings;
        if (!"OPTIONS".equals(request.getMethod()) || asked == null || !allowed(s, origin)) {
            return;
        }
        Response.ResponseBuilder preflight = Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Vary", "Origin")
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Max-Age", Integer.toString(s.maxAgeSeconds()));
        String headers = allowedHeaders(request.getHeaderString("Access-Control-Request-Headers"));
        if (!headers.isEmpty()) {
            preflight.header("Access-Control-Allow-Headers", headers);
        }
        request.abortWith(preflight.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        MultivaluedMap<String, Object> h = response.getHeaders();
        if (!allowed(settings, origin) || h.containsKey("Access-Control-Allow-Origin")) {
            return;
        }
        h.putSingle("Access-Control-Allow-Origin", origin);
        h.add("Vary", "Origin");
        h.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }

    private static boolean allowed(CorsSettings s, String origin) {
        return s != null && origin != null && s.allows(origin);
    }

    /** The requested headers this API takes, as asked; anything else is left out (the browser then refuses). */
    static String allowedHeaders(String requested) {
        if (requested == null) {
            return "";
        }
        return Arrays.stream(requested.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .filter(x -> HEADERS.contains(x.toLowerCase(Locale.ROOT))).collect(Collectors.joining(", "));
    }
}
