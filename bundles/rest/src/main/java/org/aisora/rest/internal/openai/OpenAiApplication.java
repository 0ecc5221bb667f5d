package org.aisora.rest.internal.openai;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The OpenAI-compatible API as its own JAX-RS application, so its errors keep OpenAI's shape and
 * never mix with the {@code api/v1} shape.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(OpenAiApplication.BASE)
@JaxrsName(OpenAiApplication.NAME)
public final class OpenAiApplication extends Application {
    public static final String NAME = "aisora-openai";
    public static final String BASE = "openai/v1";
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    public static final String JSON = "aisora-openai-json";
    public static final String AUTH = "aisora-openai-auth";
    public static final String REQUIRE_JSON = "(osgi.jaxrs.name=" + JSON + ")";
    /** Resources wait for the token filter: without it they would never see a caller. */
    public static final String REQUIRE_AUTH = "(osgi.jaxrs.name=" + AUTH + ")";
}
