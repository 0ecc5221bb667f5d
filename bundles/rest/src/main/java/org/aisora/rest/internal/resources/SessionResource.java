package org.aisora.rest.internal.resources;

import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.SessionService;
import org.aisora.api.service.SessionView;
import org.aisora.api.service.TokenScope;
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

/**
 * The caller's sign-in sessions: listed with the one of this request marked current, ended one by one, or all
 * at once ("sign out everywhere"; API tokens stay, they are revoked at {@code /tokens}).
 */
@Component(service = SessionResource.class)
@JaxrsResource
@JaxrsName("aisora.sessions")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("me/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class SessionResource {
    private final SessionService sessions;

    @Activate
    public SessionResource(@Reference SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    public List<SessionView> list(@Context SecurityContext security) {
        return sessions.list(Callers.require(security), Callers.sessionId(security));
    }

    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") String id, @Context SecurityContext security,
                        @Context HttpServletRequest request, @Context HttpHeaders headers) {
        sessions.end(Callers.require(security), id, Callers.client(request, headers));
        return Response.noContent().build();
    }

    @DELETE
    public Map<String, Integer> endAll(@Context SecurityContext security, @Context HttpServletRequest request,
                                       @Context HttpHeaders headers) {
        return Map.of("ended", sessions.endAll(Callers.require(security), Callers.client(request, headers)));
    }
}
