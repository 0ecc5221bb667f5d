package org.aisora.rest.internal.resources;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AnalyticsService;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The platform's metrics for a Prometheus scraper ({@code GET /metrics}, with an admin API token). */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsName("aisora.metrics")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("metrics")
public final class MetricsResource {
    private final AnalyticsService analytics;

    @Activate
    public MetricsResource(@Reference AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics(@Context SecurityContext security) {
        Callers.requireAdmin(security);
        return analytics.prometheus();
    }
}
