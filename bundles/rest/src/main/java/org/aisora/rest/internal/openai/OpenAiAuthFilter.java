package org.aisora.rest.internal.openai;

import java.security.Principal;
import java.util.Optional;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.Caller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The "API key" of an OpenAI client is an AiSora session token, checked by the same
 * {@link AccountService#authenticate} as on {@code api/v1}. Unlike there, every endpoint needs one
 * (as on OpenAI), so a missing key is a 401 at once.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(OpenAiApplication.AUTH)
@JaxrsApplicationSelect(OpenAiApplication.SELECT)
public final class OpenAiAuthFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final AccountService accounts;

    @Activate
    public OpenAiAuthFilter(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(OpenAiErrors.missingKey().builder().build());
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(OpenAiErrors.invalidKey("use Authorization: Bearer <token>").builder().build());
            return;
        }
        Optional<Caller> caller = accounts.authenticate(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            request.abortWith(OpenAiErrors.invalidKey("the token is unknown or expired").builder().build());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        OpenAiCaller principal = new OpenAiCaller(caller.get());
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
