package org.aisora.rest.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The first thing a request to the API meets, before CXF reads or spools any byte of its body: a
 * declared {@code Content-Length} over the route's cap ({@link RouteLimit}: an upload without a token
 * has the small JSON cap) is 413 {@code body_too_large}, answered at once with the connection closed,
 * so the body is never read. Otherwise the body is handed on capped ({@link CappedInputStream}), and the client address is
 * resolved through the trusted proxies ({@link ClientAddresses}). A servlet filter (HTTP whiteboard)
 * rather than a JAX-RS filter, because CXF takes the servlet's input stream before any JAX-RS filter runs.
 */
@Component(service = Filter.class, configurationPid = BodyGuard.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
            "osgi.http.whiteboard.filter.name=aisora-body-guard",
            "osgi.http.whiteboard.filter.asyncSupported=true",
            "osgi.http.whiteboard.filter.pattern=/*",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + BodyGuard.CONTEXT + ")"
        })
@Designate(ocd = BodyGuard.Config.class)
public final class BodyGuard implements Filter {
    public static final String PID = "org.aisora.rest.http";
    /**
     * The servlet context the JAX-RS whiteboard (Aries 2.0) makes for the API application, named
     * "context.for" + the application's name, at the application's base path.
     */
    static final String CONTEXT = "context.for" + AisoraApplication.NAME;

    /** Request size caps and the proxies whose X-Forwarded-For is believed (PID {@value #PID}). */
    @ObjectClassDefinition(name = "AiSora REST request guard", description = "Body caps and trusted proxies")
    public @interface Config {
        @AttributeDefinition(description = "Largest JSON (or other non-upload) request body, bytes; 413 body_too_large beyond")
        long json_max_bytes() default 1024 * 1024;

        @AttributeDefinition(description = "Largest payment-processor webhook body, bytes; 413 body_too_large beyond")
        long webhook_max_bytes() default 64 * 1024;

        @AttributeDefinition(description = "Proxies (IP addresses or CIDR ranges) whose X-Forwarded-For header is"
                + " believed; empty: the peer's address is the client's")
        String[] trusted_proxies() default {};

        @AttributeDefinition(description = "A 429 to a POST without credentials (sign-in, sign-up), and a 413 for such a"
                + " request's body, is sent after this delay, ms, with no thread waiting (tarpitting a flood); 0: at once")
        long refusal_delay_millis() default 1000;

        @AttributeDefinition(description = "Most delayed refusals waiting at once; past it they are sent at once")
        int refusal_delay_max_pending() default 2000;
    }

    private volatile Config config;
    private volatile ClientAddresses addresses;
    private volatile RefusalDelay delays;
    /** The one timer that sends delayed refusals: a thread of this component's own, stopped with it. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aisora-refusal-delay");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public BodyGuard(Config config) {
        modified(config);
    }

    /** A bad proxy list is refused whole (the component does not take it), never half applied. */
    @Modified
    void modified(Config config) {
        if (config.json_max_bytes() < 1 || config.webhook_max_bytes() < 1 || config.refusal_delay_millis() < 0
                || config.refusal_delay_millis() > 60_000 || config.refusal_delay_max_pending() < 0) {
            throw new IllegalArgumentException("json.max.bytes and webhook.max.bytes must be at least 1,"
                    + " refusal.delay.millis 0 to 60000 and refusal.delay.max.pending at least 0");
        }
        ClientAddresses parsed = ClientAddresses.trusting(config.trusted_proxies());
        this.config = config;
        this.addresses = parsed;
        this.delays = new RefusalDelay(timer, config.refusal_delay_millis(), config.refusal_delay_max_pending());
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up: the settings come from configuration admin
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        Config c = config;
        String path = request.getRequestURI().substring(Math.max(0, request.getContextPath().length()));
        RouteLimit route = RouteLimit.of(request.getMethod(), path, request.getHeader("Authorization") != null,
                c.json_max_bytes(), c.webhook_max_bytes());
        long declared = request.getContentLengthLong();
        if (declared > route.maxBytes()) {
            // nothing of the body is read, now or while the refusal waits; the connection closes after it
            delays.refuse(request, response, () -> Refusals.send(response, 413, "body_too_large",
                    "the request body is larger than " + route.maxBytes() + " bytes"));
            return;
        }
        String client = addresses.client(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
        GuardedRequest guarded = new GuardedRequest(request, client, route.maxBytes());
        RefusalDelay d = delays;
        if (!d.applies(request)) {
            chain.doFilter(guarded, response);
            return;
        }
        HeldResponse held = new HeldResponse(response);
        chain.doFilter(guarded, held);
        d.finish(request, held);
    }

    @Override
    public void destroy() {
        // the timer goes with the component (Deactivate), not with one servlet context
    }

    /** Delayed refusals waiting to be sent right now. */
    int pendingRefusals() {
        return delays.pending();
    }

    /** Refusals delayed since the settings were last applied. */
    long delayedRefusals() {
        return delays.delayed();
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Answers written here never reach JAX-RS, so they carry the API's error shape and headers themselves. */
    static final class Refusals {
        private Refusals() {
        }

        /** The error shape; codes and messages here are the guard's own constants, never client text. */
        static String json(String code, String message) {
            return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        }

        static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
            byte[] body = json(code, message).getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            // the unread body is not drained: the connection ends with this answer
            response.setHeader("Connection", "close");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
            if (status == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            response.getOutputStream().write(body);
            response.flushBuffer();
        }
    }
}
