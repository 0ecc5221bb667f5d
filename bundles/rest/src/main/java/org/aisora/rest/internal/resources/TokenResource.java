package org.aisora.rest.internal.resources;

import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.TokenScope;
import org.aisora.api.service.TokenService;
import org.aisora.api.service.TokenView;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.Callers;
import org.aisora.rest.internal.security.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The caller's named API tokens: the secret is in the 201 answer only. */
@Component(service = TokenResource.class)
@JaxrsResource
@JaxrsName("aisora.tokens")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class TokenResource {
    /** The body of POST /tokens: the current password is asked again (a stolen session must not mint tokens). */
    public record NewToken(String name, Integer expiresInDays, List<String> scopes, String currentPassword) {
        @Override
        public String toString() {
            return "NewToken[" + name + "]";
        }
    }

    private final TokenService tokens;

    @Activate
    public TokenResource(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    public Response create(NewToken body, @Context SecurityContext security, @Context HttpServletRequest request,
                           @Context HttpHeaders headers) {
        NewToken b = body == null ? new NewToken(null, null, null, null) : body;
        return Response.status(201).entity(tokens.create(Callers.require(security), b.name(), b.expiresInDays(),
                b.scopes(), b.currentPassword(), Callers.client(request, headers))).build();
    }

    @GET
    public List<TokenView> list(@Context SecurityContext security) {
        return tokens.list(Callers.require(security));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security,
                           @Context HttpServletRequest request, @Context HttpHeaders headers) {
        tokens.revoke(Callers.require(security), id, Callers.client(request, headers));
        return Response.noContent().build();
    }
}
