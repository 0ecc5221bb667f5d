package org.aisora.rest.internal.resources;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Registration;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.AnyScope;
import org.aisora.rest.internal.security.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Registration, sign-in and sign-out (the caller's own account is {@link ProfileResource}). */
@Component(service = AccountResource.class)
@JaxrsResource
@JaxrsName("aisora.accounts")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@AnyScope
public final class AccountResource {
    /** The sign-in body. */
    public record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[" + email + "]";
        }
    }

    private final AccountService accounts;

    @Activate
    public AccountResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("accounts")
    public Response register(Registration registration, @Context HttpServletRequest request,
                             @Context HttpHeaders headers) {
        AccountView account = accounts.register(registration, Callers.client(request, headers));
        return Response.status(201).entity(account).build();
    }

    @POST
    @Path("sessions")
    public Response login(Credentials credentials, @Context HttpServletRequest request,
                          @Context HttpHeaders headers) {
        Credentials c = credentials == null ? new Credentials(null, null) : credentials;
        return Response.status(201)
                .entity(accounts.login(c.email(), c.password(), Callers.client(request, headers))).build();
    }

    @DELETE
    @Path("sessions/current")
    public Response logout(@Context SecurityContext security, @Context HttpHeaders headers) {
        Callers.require(security);
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        accounts.logout(header.substring("Bearer ".length()).trim());
        return Response.noContent().build();
    }
}
