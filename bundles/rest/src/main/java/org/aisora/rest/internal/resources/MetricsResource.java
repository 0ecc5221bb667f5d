package org.aisora.rest.internal.resources;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AnalyticsService;
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
 * The platform's metrics for a Prometheus scraper ({@code GET /metrics}): an API token with only the
 * {@code metrics:read} scope (an admin makes it) is enough, and can do nothing else.
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsName("aisora.metrics")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("metrics")
@RequiresScope(TokenScope.METRICS_READ)
public final class MetricsResource {
    private final AnalyticsService analytics;

    @Activate
    public MetricsResource(@Reference AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics(@Context SecurityContext security) {
        Callers.requireScope(security, TokenScope.METRICS_READ);
        return analytics.prometheus();
    }
}
