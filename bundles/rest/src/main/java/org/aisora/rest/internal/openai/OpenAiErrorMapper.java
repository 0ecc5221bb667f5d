package org.aisora.rest.internal.openai;

import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exception of the OpenAI application in OpenAI's error shape: domain errors by kind, a body that
 * is not JSON as 400, anything else as a 500 logged with an incident id and answered without internals.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(OpenAiApplication.SELECT)
public final class OpenAiErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        OpenAiError error = OpenAiErrors.of(e);
        if (error == null) {
            String incident = UUID.randomUUID().toString();
            LOG.error("unhandled error in the OpenAI API, incident {}", incident, e);
            error = OpenAiErrors.unexpected(incident);
        }
        return error.builder().build();
    }
}
