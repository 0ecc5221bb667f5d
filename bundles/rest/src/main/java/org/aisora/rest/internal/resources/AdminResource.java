package org.aisora.rest.internal.resources;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.AnalyticsService;
import org.aisora.api.service.AuditEntry;
import org.aisora.api.service.AuditTrail;
import org.aisora.api.service.PluginDirectory;
import org.aisora.api.service.StatsView;
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
 * What administrators see over HTTP: every plugin with its health (and circuit state), the routing order,
 * and the audit log.
 */
@Component(service = AdminResource.class)
@JaxrsResource
@JaxrsName("aisora.admin")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ADMIN)
public final class AdminResource {
    private final AnalyticsService analytics;
    private final PluginDirectory directory;
    private final AuditTrail audit;

    @Activate
    public AdminResource(@Reference PluginDirectory directory, @Reference AuditTrail audit,
                         @Reference AnalyticsService analytics) {
        this.analytics = analytics;
        this.directory = directory;
        this.audit = audit;
    }

    @GET
    @Path("plugins")
    public List<PluginInfo> plugins(@Context SecurityContext security) {
        Callers.requireAdmin(security);
        return directory.plugins();
    }

    @GET
    @Path("routing")
    public Map<String, List<String>> routing(@Context SecurityContext security) {
        Callers.requireAdmin(security);
        return directory.routingOrder();
    }

    /** Aggregated, anonymous usage: the last 7 days by default, at most 366 ({@code from}/{@code to} as yyyy-mm-dd). */
    @GET
    @Path("stats")
    public StatsView stats(@Context SecurityContext security, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        Callers.requireAdmin(security);
        LocalDate end = day("to", to, LocalDate.now(ZoneOffset.UTC));
        return analytics.stats(day("from", from, end.minusDays(6)), end);
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

    @GET
    @Path("audit")
    public List<AuditEntry> audit(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
                                  @Context SecurityContext security) {
        return audit.recent(Callers.require(security), Resources.offset(offset), Resources.limit(limit));
    }
}
