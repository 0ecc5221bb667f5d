package org.aisora.rest.internal.resources;

import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.PolicyAcceptanceView;
import org.aisora.api.service.PolicyService;
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

/** The caller's acceptances of privacy policy versions. */
@Component(service = PolicyAcceptanceResource.class)
@JaxrsResource
@JaxrsName("aisora.policy-acceptances")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("me/policy-acceptances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class PolicyAcceptanceResource {
    /** The request body. */
    public record AcceptanceRequest(String version) {
    }

    /** The listing. */
    public record Acceptances(List<PolicyAcceptanceView> acceptances) {
    }

    private final PolicyService policies;

    @Activate
    public PolicyAcceptanceResource(@Reference PolicyService policies) {
        this.policies = policies;
    }

    /** 201 when recorded by this call, 200 with the first record when the version was accepted before. */
    @POST
    public Response accept(AcceptanceRequest body, @Context SecurityContext security,
                           @Context HttpServletRequest request, @Context HttpHeaders headers) {
        var caller = Callers.require(security);
        if (body == null) {
            throw AisoraException.badRequest("missing_body", "a body {\"version\": \"...\"} is required");
        }
        PolicyService.Acceptance result = policies.accept(caller, body.version(), Callers.client(request, headers));
        return Response.status(result.created() ? 201 : 200).entity(result.acceptance()).build();
    }

    @GET
    public Acceptances list(@Context SecurityContext security) {
        return new Acceptances(policies.acceptances(Callers.require(security)));
    }
}
