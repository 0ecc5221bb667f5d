package org.aisora.rest.internal.openai;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
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

/** OpenAI's model listing: the installed generation providers, any of which a request may name as its model. */
@Component(service = ModelsResource.class)
@JaxrsResource
@JaxrsName("aisora.openai.models")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("openai/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.GENERATE)
public final class ModelsResource {
    private final PluginDirectory plugins;

    @Activate
    public ModelsResource(@Reference PluginDirectory plugins) {
        this.plugins = plugins;
    }

    @GET
    public Models list(@Context SecurityContext security) {
        OpenAiCaller.require(security);
        return Models.of(plugins.plugins());
    }

    @GET
    @Path("{id}")
    public Models.Model get(@Context SecurityContext security, @PathParam("id") String id) {
        OpenAiCaller.require(security);
        if (!Models.providerIds(plugins.plugins()).contains(id)) {
            throw new OpenAiException(new OpenAiError(404, "The model '" + id + "' does not exist.",
                    OpenAiError.INVALID_REQUEST, "model", "model_not_found", false));
        }
        return Models.Model.of(id);
    }
}
