package org.aisora.rest.internal.resources;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.CreditService;
import org.aisora.api.service.CreditSummary;
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

/** The caller's credit balance, reserved credits and paged history. */
@Component(service = CreditResource.class)
@JaxrsResource
@JaxrsName("aisora.credits")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("credits")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.BILLING)
public final class CreditResource {
    private final CreditService credits;

    @Activate
    public CreditResource(@Reference CreditService credits) {
        this.credits = credits;
    }

    @GET
    public CreditSummary summary(@Context SecurityContext security, @QueryParam("offset") Integer offset,
                                 @QueryParam("limit") Integer limit) {
        return credits.summary(Callers.require(security), Resources.offset(offset), Resources.limit(limit));
    }
}
