package org.aisora.rest.internal.resources;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.PasswordService;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.AnyScope;
import org.aisora.rest.internal.security.Callers;
import org.aisora.rest.internal.security.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Password change (signed in) and reset by e-mail (signed out). A reset request answers 202 with one body
 * whether the address has an account or not.
 */
@Component(service = PasswordResource.class)
@JaxrsResource
@JaxrsName("aisora.passwords")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PasswordResource {
    /** The body of POST /me/password. */
    public record PasswordChange(String currentPassword, String newPassword, Boolean keepTokens) {
        @Override
        public String toString() {
            return "PasswordChange[keepTokens=" + keepTokens + "]";
        }
    }

    /** The body of POST /password-reset. */
    public record ResetRequest(String email) {
    }

    /** The body of POST /password-reset/confirm. */
    public record ResetConfirmation(String email, String code, String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[" + email + "]";
        }
    }

    /** The one answer to a reset request. */
    public record ResetAccepted(String status, String message) {
    }

    static final ResetAccepted ACCEPTED = new ResetAccepted("accepted", "if an account uses this address, a reset"
            + " code is on its way; it works once, within 30 minutes");

    private final PasswordService passwords;

    @Activate
    public PasswordResource(@Reference PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @Path("me/password")
    @RequiresScope(TokenScope.ACCOUNT)
    public Response change(PasswordChange body, @Context SecurityContext security,
                           @Context HttpServletRequest request, @Context HttpHeaders headers) {
        PasswordChange b = body == null ? new PasswordChange(null, null, null) : body;
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) ? null : header.substring(7).trim();
        passwords.change(Callers.require(security), b.currentPassword(), b.newPassword(),
                Boolean.TRUE.equals(b.keepTokens()), bearer, Callers.client(request, headers));
        return Response.noContent().build();
    }

    @POST
    @Path("password-reset")
    @AnyScope
    public Response requestReset(ResetRequest body, @Context HttpServletRequest request,
                                 @Context HttpHeaders headers) {
        passwords.requestReset(body == null ? null : body.email(), Callers.client(request, headers));
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("password-reset/confirm")
    @AnyScope
    public Response confirmReset(ResetConfirmation body, @Context HttpServletRequest request,
                                 @Context HttpHeaders headers) {
        ResetConfirmation b = body == null ? new ResetConfirmation(null, null, null) : body;
        passwords.confirmReset(b.email(), b.code(), b.newPassword(), Callers.client(request, headers));
        return Response.noContent().build();
    }
}
