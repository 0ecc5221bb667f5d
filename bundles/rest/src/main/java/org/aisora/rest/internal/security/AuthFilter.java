package org.aisora.rest.internal.security;

import java.security.Principal;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.Credential;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.errors.ErrorResponses;
import org.aisora.rest.internal.openai.OpenAiErrors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Resolves a bearer token to its account. A request without a token goes on anonymous (resources
 * that need an account answer 401); a token that is presented but not valid is a 401 at once; an API token
 * without the scope the matched endpoint declares ({@link RequiresScope}) is a 403 {@code insufficient_scope}.
 * This is the one place scopes are enforced for the REST API.
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
    /** The matched resource method (this filter runs after matching), for its {@link RequiresScope}. */
    @Context
    ResourceInfo resourceInfo;

    @Activate
    public AuthFilter(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * Why an API token may not call the matched endpoint, if it may not: it lacks the endpoint's
     * {@link RequiresScope}, or the endpoint declares none (fail closed). Sessions pass: they hold every scope
     * of their role, and the resource checks the role itself (403 {@code admin_only}).
     */
    Optional<String> refusal(Credential credential) {
        if (credential.isSession()) {
            return Optional.empty();
        }
        Scopes.Need need = resourceInfo == null ? new Scopes.Unknown()
                : Scopes.of(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
        if (need instanceof Scopes.Scoped scoped && !credential.allows(scoped.scope())) {
            return Optional.of(Callers.insufficientScope(scoped.scope()).getMessage());
        }
        return need instanceof Scopes.Unknown ? Optional.of("this endpoint declares no scope; only a sign-in"
                + " session may call it") : Optional.empty();
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
        Optional<Credential> caller = accounts.credential(header.substring(BEARER.length()).trim(),
                Callers.client(servletRequest, request.getHeaders().getFirst(HttpHeaders.USER_AGENT)));
        if (caller.isEmpty()) {
            request.abortWith(frontDoor ? OpenAiErrors.refusedKey("the token is unknown or expired")
                    : ErrorResponses.builder(401, "invalid_token", "the token is unknown or expired")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller.get());
        Optional<String> refused = refusal(caller.get());
        if (refused.isPresent()) {
            AisoraException e = AisoraException.forbidden("insufficient_scope", refused.get());
            request.abortWith(frontDoor ? OpenAiErrors.refused(e) : ErrorResponses.builder(403, e.code(),
                    e.getMessage()).build());
            return;
        }
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
