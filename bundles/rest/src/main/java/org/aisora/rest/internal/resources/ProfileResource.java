package org.aisora.rest.internal.resources;

import com.fasterxml.jackson.databind.JsonNode;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileService;
import org.aisora.api.service.ProfileView;
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

/** The privacy rights of access, correction and restriction/objection over the caller's own account. */
@Component(service = ProfileResource.class)
@JaxrsResource
@JaxrsName("aisora.profile")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class ProfileResource {
    private final ProfileService profiles;

    @Activate
    public ProfileResource(@Reference ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Path("me")
    public ProfileView me(@Context SecurityContext security) {
        return profiles.profile(Callers.require(security));
    }

    /** A new e-mail needs {@code currentPassword} in the body (checked under the sign-in throttle). */
    @PATCH
    @Path("me")
    public ProfileView correct(@Context SecurityContext security, JsonNode body, @Context HttpServletRequest request,
                               @Context HttpHeaders headers) {
        return profiles.correct(Callers.require(security), ProfileBodies.change(body),
                Callers.client(request, headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT)));
    }

    @POST
    @Path("me/email-verification")
    public ProfileView verifyEmail(@Context SecurityContext security, JsonNode body) {
        return profiles.verifyEmail(Callers.require(security), ProfileBodies.code(body));
    }

    @PUT
    @Path("me/preferences")
    public Preferences setPreferences(@Context SecurityContext security, JsonNode body) {
        return profiles.setPreferences(Callers.require(security), ProfileBodies.preferences(body));
    }
}
