package org.aisora.rest.internal.resources;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AnalyticsService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.StatsView;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Aggregated, anonymous usage for administrators ({@code GET /admin/stats?from=&to=}, the last 7 days by
 * default) and the platform's metrics for a Prometheus scraper ({@code GET /metrics}, admin token).
 */
@Component(service = StatsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("")
public final class StatsResource {
    private final AnalyticsService analytics;

    @Activate
    public StatsResource(@Reference AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("admin/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public StatsView stats(@Context SecurityContext security, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        admin(security);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = day("to", to, today);
        return analytics.stats(day("from", from, end.minusDays(6)), end);
    }

    @GET
    @Path("metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics(@Context SecurityContext security) {
        admin(security);
        return analytics.prometheus();
    }

    private static LocalDate day(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw AisoraException.badRequest("invalid_range", name + " must be a day as yyyy-mm-dd");
        }
    }

    private static void admin(SecurityContext security) {
        Caller caller = Callers.require(security);
        if (!caller.isAdmin()) {
            throw AisoraException.forbidden("admin_only", "this needs the admin role (aisora:user-role)");
        }
    }
}
