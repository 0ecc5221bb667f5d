package org.aisora.rest.internal.openai;

import java.time.Duration;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationService;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.PluginDirectory;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.app.AisoraApplication;
import org.aisora.rest.internal.security.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** OpenAI's {@code POST /images/generations}, answered by a text-to-image job of the core. */
@Component(service = ImagesResource.class)
@JaxrsResource
@JaxrsName("aisora.openai.images")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("openai/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.GENERATE)
public final class ImagesResource {
    private final PluginDirectory plugins;
    private final ImageGeneration images;

    @Activate
    public ImagesResource(@Reference GenerationService generations, @Reference MediaService media,
                          @Reference PluginDirectory plugins) {
        this.plugins = plugins;
        this.images = new ImageGeneration(generations, media, OpenAiConfig.WAIT,
                OpenAiConfig.URL_TTL, System::nanoTime, Thread::sleep);
    }

    @POST
    @Path("generations")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImagesResponse generate(@Context SecurityContext security, @Context UriInfo uri,
                                   @HeaderParam("Idempotency-Key") String idempotencyKey, ImageRequest request) {
        try {
            Caller caller = OpenAiCaller.require(security);
            ImagePlan plan = ImageRequests.plan(request, Models.providerIds(plugins.plugins()));
            return images.generate(caller, plan, idempotencyKey, uri.getBaseUri());
        } catch (OpenAiException e) {
            throw e;
        } catch (RuntimeException e) {
            OpenAiError error = OpenAiErrors.of(e); // the core's refusals, in OpenAI's shape
            throw error == null ? e : new OpenAiException(error);
        }
    }
}
