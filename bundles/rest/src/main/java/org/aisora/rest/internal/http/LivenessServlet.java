package org.aisora.rest.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /api/v1/health/live}: 200 while the process and its HTTP stack run; no database, plugin or JAX-RS
 * check, so a liveness probe never restarts a node that is only starting or draining. A servlet of the HTTP
 * whiteboard in the API's servlet context rather than a JAX-RS resource: the JAX-RS whiteboard redeploys the
 * application each time a resource comes or goes, and liveness must answer meanwhile. An exact pattern, so it
 * wins over the JAX-RS servlet's {@code /*}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=aisora-liveness",
    "osgi.http.whiteboard.servlet.pattern=" + LivenessServlet.PATH,
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + BodyGuard.CONTEXT + ")"
})
public final class LivenessServlet extends HttpServlet {
    /** Below the API's base path {@code /api/v1}. */
    public static final String PATH = "/health/live";
    private static final long serialVersionUID = 1L;
    private static final byte[] ALIVE = "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(ALIVE.length);
        response.getOutputStream().write(ALIVE);
    }
}
