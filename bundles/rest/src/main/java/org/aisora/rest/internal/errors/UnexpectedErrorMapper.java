package org.aisora.rest.internal.errors;

import java.sql.SQLException;
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
 * Anything else is our bug: logged with an incident id, answered without internals. One exception: a database
 * transaction that lost a deadlock or a lock wait again and again (the stores already ran it several times) is
 * contention, not a bug: {@code 503 busy} with {@code Retry-After}, and the request may simply be sent again (the
 * transaction was rolled back, nothing of it stays).
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(AisoraApplication.SELECT)
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    /** Seconds a client waits before it sends a request that lost to contention again. */
    static final int CONTENTION_RETRY_SECONDS = 1;

    @Override
    public Response toResponse(Throwable e) {
        if (isContention(e)) {
            LOG.warn("database contention outlasted the retries, answered 503: {}", e.toString());
            return ErrorResponses.builder(503, "busy", "the service is busy, try again shortly")
                    .header("Retry-After", Integer.toString(CONTENTION_RETRY_SECONDS)).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("unhandled error, incident {}", incident, e);
        return ErrorResponses.of(500, "internal_error", "something went wrong on our side (incident " + incident + ")");
    }

    /** A deadlock victim or a lock-wait timeout: SQL state class 40 (transaction rollback) or HYT00. */
    static boolean isContention(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                if (state.startsWith("40") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }
}
