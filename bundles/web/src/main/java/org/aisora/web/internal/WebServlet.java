package org.aisora.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The web app's static files, at {@code /} of the default servlet context of the HTTP whiteboard. The API lives in
 * a servlet context of its own at {@code /api/v1} (the JAX-RS whiteboard's), and Jetty picks the longest context
 * path, so this servlet never shadows the API, its health or metrics. In the default context the JAX-RS
 * whiteboard's own default application holds {@code /*}; this servlet takes only the page and the {@code /js/}, {@code /css/} folders (longer
 * matches win), so it shadows nothing and is shadowed by nothing; {@link RootFilter} answers the bare root. Only names of the form {@code a/b-c.ext} with
 * a known extension are served (no dots elsewhere, so no traversal, and never a directory); everything else is 404.
 * Every answer carries a strict Content-Security-Policy: scripts only from this origin, no inline script.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.name=aisora-web",
    "osgi.http.whiteboard.servlet.pattern=/index.html",
    "osgi.http.whiteboard.servlet.pattern=/favicon.svg",
    "osgi.http.whiteboard.servlet.pattern=/js/*",
    "osgi.http.whiteboard.servlet.pattern=/css/*"
})
public final class WebServlet extends HttpServlet {
    /** The policy on every answer of the web app. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
            + " media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    /** The mappings, as in the component's properties. */
    static final String[] PATTERNS = {"/index.html", "/favicon.svg", "/js/*", "/css/*"};
    static final String ROOT = "web/";
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final transient ClassLoader loader;

    public WebServlet() {
        this(WebServlet.class.getClassLoader());
    }

    WebServlet(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        serve(name(request), response, body);
    }

    /** Answers with the file of that name below the web root (null or unknown: 404), always with the policy. */
    void serve(String name, HttpServletResponse response, boolean body) throws IOException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        String type = name == null ? null : TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        URL url = type == null ? null : loader.getResource(ROOT + name);
        if (url == null) {
            response.setStatus(404);
            response.setContentType("text/plain; charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            if (body) {
                response.getWriter().write("Not found\n");
            }
            return;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            response.setStatus(200);
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(bytes.length);
            if (body) {
                response.getOutputStream().write(bytes);
            }
        }
    }

    /** The file asked for, below the web root, or null when the path cannot name one. */
    static String name(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty() || "/".equals(path)) {
            return "index.html";
        }
        String name = path.substring(1);
        return NAME.matcher(name).matches() ? name : null;
    }
}
