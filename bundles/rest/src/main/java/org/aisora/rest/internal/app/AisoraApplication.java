package org.aisora.rest.internal.app;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** The one JAX-RS application every resource and extension of the API selects. */
@Component(service = Application.class)
@JaxrsApplicationBase(AisoraApplication.BASE)
@JaxrsName(AisoraApplication.NAME)
public final class AisoraApplication extends Application {
    public static final String NAME = "aisora";
    public static final String BASE = "api/v1";
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    public static final String JSON = "aisora-json";
    public static final String REQUIRE_JSON = "(osgi.jaxrs.name=" + JSON + ")";
}
