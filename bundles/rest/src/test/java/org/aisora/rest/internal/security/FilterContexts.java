package org.aisora.rest.internal.security;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/**
 * The two JAX-RS filter contexts as a container hands them over, for filter-level tests: a request (method,
 * path, headers, secure or not) that records what it was aborted with, and a response with its status and
 * headers. Methods a filter has no business calling fail the test.
 */
final class FilterContexts {
    private FilterContexts() {
    }

    static final class Request {
        final String method;
        final String path;
        final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        final boolean secure;
        Response aborted;
        SecurityContext security;

        Request(String method, String path, boolean secure, Map<String, String> headers) {
            this.method = method;
            this.path = path;
            this.secure = secure;
            headers.forEach(this.headers::add);
            this.security = new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return null;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return false;
                }

                @Override
                public boolean isSecure() {
                    return secure;
                }

                @Override
                public String getAuthenticationScheme() {
                    return null;
                }
            };
        }

        ContainerRequestContext context() {
            UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getPath" -> path;
                        case "getRequestUri" -> URI.create("http://localhost/api/v1/" + path);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getHeaderString" -> headers.containsKey((String) a[0])
                                ? String.join(",", headers.get((String) a[0])) : null;
                        case "getHeaders" -> headers;
                        case "getUriInfo" -> uri;
                        case "getSecurityContext" -> security;
                        case "setSecurityContext" -> {
                            security = (SecurityContext) a[0];
                            yield null;
                        }
                        case "abortWith" -> {
                            aborted = (Response) a[0];
                            yield null;
                        }
                        case "toString" -> method + " " + path;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    static final class ResponseContext {
        final int status;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        ResponseContext(int status) {
            this.status = status;
        }

        /** What a container sees after a request filter aborted: that response's status and headers. */
        static ResponseContext of(Response response) {
            ResponseContext r = new ResponseContext(response.getStatus());
            response.getHeaders().forEach((k, v) -> v.forEach(x -> r.headers.add(k, x)));
            return r;
        }

        ContainerResponseContext context() {
            return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerResponseContext.class}, (p, m, a) -> switch (m.getName()) {
                        case "getStatus" -> status;
                        case "getHeaders" -> headers;
                        case "getHeaderString" -> headers.containsKey((String) a[0])
                                ? String.valueOf(headers.getFirst((String) a[0])) : null;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        String header(String name) {
            Object v = headers.getFirst(name);
            return v == null ? null : v.toString();
        }
    }
}
