package org.aisora.rest.internal.resources;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.aisora.api.service.HealthReport;
import org.aisora.api.service.PluginDirectory;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.health.ReadinessProbe;
import org.aisora.rest.internal.health.ReadinessView;
import org.aisora.rest.internal.security.AnyScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The platform's health and this node's readiness, for anyone. Liveness ({@code /health/live}) is a plain
 * servlet, not here: it must answer while the whiteboard redeploys this application.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsName("aisora.health")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@AnyScope
public final class HealthResource {
    /** Seconds a load balancer may wait before asking a not-ready node again. */
    static final String RETRY_AFTER = "5";

    private final PluginDirectory directory;
    private final ReadinessProbe readiness;

    @Activate
    public HealthResource(@Reference PluginDirectory directory, @Reference ReadinessProbe readiness) {
        this.directory = directory;
        this.readiness = readiness;
    }

    /** 200 while the platform can serve ("ok" or "degraded"), 503 when it is "down". */
    @GET
    public Response health() {
        HealthReport report = directory.health();
        return Response.status("down".equals(report.status()) ? 503 : 200).entity(report).build();
    }

    /** 200 when this node serves every request of the API; else 503 with what is missing (for load balancers). */
    @GET
    @Path("ready")
    public Response ready() {
        ReadinessView view = readiness.check();
        Response.ResponseBuilder response = Response.status(view.ready() ? 200 : 503).entity(view)
                .header("Cache-Control", "no-store");
        return (view.ready() ? response : response.header("Retry-After", RETRY_AFTER)).build();
    }
}
