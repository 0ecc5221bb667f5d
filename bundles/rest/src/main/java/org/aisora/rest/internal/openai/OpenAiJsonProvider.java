package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import org.aisora.rest.internal.app.JsonProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** JSON for the OpenAI application, with the same mapper settings as {@code api/v1} (unknown fields ignored). */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsName(OpenAiApplication.JSON)
@JaxrsMediaType("application/json")
@JaxrsApplicationSelect(OpenAiApplication.SELECT)
public final class OpenAiJsonProvider extends JacksonJsonProvider {
    public OpenAiJsonProvider() {
        super(JsonProvider.mapper());
    }
}
