package org.aisora.rest.internal.resources;

import java.io.InputStream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.aisora.api.service.PolicyService;
import org.aisora.api.service.PolicyView;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.AnyScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** What anyone may read without an account: the API description, the privacy policy version (health: HealthResource). */
@Component(service = PublicResource.class)
@JaxrsResource
@JaxrsName("aisora.public")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@AnyScope
public final class PublicResource {
    private final PolicyService policies;

    @Activate
    public PublicResource(@Reference PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("openapi.json")
    public Response openApi() {
        InputStream spec = PublicResource.class.getResourceAsStream("openapi.json");
        return Response.ok(spec, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("policies/privacy")
    public PolicyView privacyPolicy() {
        return policies.currentPrivacyPolicy();
    }
}
