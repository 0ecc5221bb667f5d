package org.aisora.rest.internal.resources;

import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.DeviceService;
import org.aisora.api.service.DeviceView;
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

/** The devices the caller signed in or called the API from. */
@Component(service = DeviceResource.class)
@JaxrsResource
@JaxrsName("aisora.devices")
@JaxrsApplicationSelect(AisoraApplication.SELECT)
@JaxrsExtensionSelect(AisoraApplication.REQUIRE_JSON)
@Path("me/devices")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(TokenScope.ACCOUNT)
public final class DeviceResource {
    private final DeviceService devices;

    @Activate
    public DeviceResource(@Reference DeviceService devices) {
        this.devices = devices;
    }

    @GET
    public List<DeviceView> devices(@Context SecurityContext security) {
        return devices.devices(Callers.require(security));
    }
}
