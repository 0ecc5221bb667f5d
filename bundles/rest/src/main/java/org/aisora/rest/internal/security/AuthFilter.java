package org.aisora.rest.internal.security;

import java.security.Principal;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.Caller;
import org.aisora.rest.internal.openai.OpenAiErrors;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.errors.ErrorResponses;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Resolves a bearer token to its account. A request without a token goes on anonymous (resources
 * that need an account answer 401); a token that is presented but not valid is a 401 at once.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class AuthFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final AccountService accounts;
    /** A thread-safe proxy the JAX-RS runtime injects (a provider's context fields); null outside a container. */
    @Context
    HttpServletRequest servletRequest;

    @Activate
    public AuthFilter(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        // the OpenAI-compatible front door answers in OpenAI's error shape, which its clients' SDKs parse
        boolean frontDoor = request.getUriInfo().getPath().replaceFirst("^/+", "").startsWith("openai/");
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(frontDoor ? OpenAiErrors.refusedKey("use Authorization: Bearer <token>")
                    : ErrorResponses.builder(401, "invalid_token", "use Authorization: Bearer <token>")
                    .header("WWW-Authenticate", "Bearer").build());
            return;
        }
        // the client is passed so that API use is recorded as a device (IP, browser, OS)
        Optional<Caller> caller = accounts.authenticate(header.substring(BEARER.length()).trim(),
                Callers.client(servletRequest, request.getHeaders().getFirst(HttpHeaders.USER_AGENT)));
        if (caller.isEmpty()) {
            request.abortWith(frontDoor ? OpenAiErrors.refusedKey("the token is unknown or expired")
                    : ErrorResponses.builder(401, "invalid_token", "the token is unknown or expired")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller.get());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return role.equals(principal.caller().role());
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
