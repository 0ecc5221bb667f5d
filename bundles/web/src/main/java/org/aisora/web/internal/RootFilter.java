package org.aisora.web.internal;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/**
 * The bare root {@code /} answered with the web app's page. The JAX-RS whiteboard's default application maps
 * {@code /*} in the default servlet context, which beats any servlet at {@code /}; a filter runs first, takes a
 * GET or HEAD of exactly the root, and hands every other request on untouched.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.name=aisora-web-root",
    "osgi.http.whiteboard.filter.pattern=/*"
})
public final class RootFilter implements Filter {
    private final WebServlet files;

    public RootFilter() {
        this(new WebServlet());
    }

    RootFilter(WebServlet files) {
        this.files = files;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String method = request.getMethod();
        boolean root = request.getRequestURI().equals(request.getContextPath() + "/");
        if (root && ("GET".equals(method) || "HEAD".equals(method))) {
            files.serve("index.html", (HttpServletResponse) res, "GET".equals(method));
        } else {
            chain.doFilter(req, res);
        }
    }
}
