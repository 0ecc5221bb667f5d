package org.aisora.rest.internal.resources;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.GenerationService;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
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

/** Submit, list, read and cancel the caller's generation jobs. */
@Component(service = GenerationResource.class)
@JaxrsResource
@JaxrsName("aisora.generations")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("generations")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.GENERATE)
public final class GenerationResource {
    private final GenerationService generations;

    @Activate
    public GenerationResource(@Reference GenerationService generations) {
        this.generations = generations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@Context SecurityContext security, @HeaderParam("Idempotency-Key") String key,
                           GenerationSubmission submission) {
        GenerationView job = generations.submit(Callers.require(security), submission, key);
        return Response.accepted(job).header("Location", AisoraApplication.BASE + "/generations/" + job.id()).build();
    }

    @GET
    public List<GenerationView> list(@Context SecurityContext security, @QueryParam("offset") Integer offset,
                                     @QueryParam("limit") Integer limit) {
        return generations.list(Callers.require(security), Resources.offset(offset), Resources.limit(limit));
    }

    @GET
    @Path("{id}")
    public GenerationView get(@Context SecurityContext security, @PathParam("id") String id) {
        return generations.get(Callers.require(security), id);
    }

    @POST
    @Path("{id}/cancel")
    public GenerationView cancel(@Context SecurityContext security, @PathParam("id") String id) {
        return generations.cancel(Callers.require(security), id);
    }
}
