package org.aisora.rest.internal.resources;

import com.fasterxml.jackson.databind.JsonNode;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.EmailVerificationService;
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
 * Verification of the sign-up address: the code mailed at sign-up, and a new one on request (at most once a
 * minute). Until then generating, uploading and buying answer 403 {@code email_unverified}.
 */
@Component(service = EmailVerificationResource.class)
@JaxrsResource
@JaxrsName("aisora.email-verification")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@RequiresScope(TokenScope.ACCOUNT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EmailVerificationResource {
    private final EmailVerificationService verifications;

    @Activate
    public EmailVerificationResource(@Reference EmailVerificationService verifications) {
        this.verifications = verifications;
    }

    @POST
    @Path("me/email/verify")
    public AccountView verify(@Context SecurityContext security, JsonNode body) {
        return verifications.verify(Callers.require(security), ProfileBodies.code(body));
    }

    @POST
    @Path("me/email/resend")
    public Response resend(@Context SecurityContext security) {
        verifications.resend(Callers.require(security));
        return Response.accepted().build();
    }
}
