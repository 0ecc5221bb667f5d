package org.aisora.rest.internal.openai;

import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's errors in OpenAI's error shape. Its resources turn every failure into an
 * {@link OpenAiException}; the API's own mappers keep answering everything else in the api/v1 shape.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class OpenAiErrorMapper implements ExceptionMapper<OpenAiException> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorMapper.class);

    @Override
    public Response toResponse(OpenAiException e) {
        OpenAiError error = OpenAiErrors.of(e);
        if (error == null) {
            String incident = UUID.randomUUID().toString();
            LOG.error("unhandled error in the OpenAI API, incident {}", incident, e);
            error = OpenAiErrors.unexpected(incident);
        }
        return error.builder().build();
    }
}
