package org.aisora.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Credential;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.app.JsonProvider;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scope check over real HTTP, on Jetty 9.4 with CXF's JAX-RS servlet as in the container: the runtime
 * hands the {@link AuthFilter} the matched resource method ({@code @Context ResourceInfo}), so a
 * {@code metrics:read} token reaches the metrics endpoint and is refused 403 elsewhere, and a session is not.
 */
class ScopesHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Caller ADMIN = new Caller("a1", "ops@example.com", "admin");
    private static Server server;
    private static String base;

    /** Endpoints scoped the way the API's resources are: on the class, overridden per method. */
    @Path("/")
    @RequiresScope(TokenScope.ACCOUNT)
    public static final class StandIn {
        @GET
        @Path("me/export")
        public String export(@Context SecurityContext security) {
            return Callers.require(security).accountId();
        }

        @GET
        @Path("metrics")
        @RequiresScope(TokenScope.METRICS_READ)
        public String metrics(@Context SecurityContext security) {
            return Callers.requireScope(security, TokenScope.METRICS_READ).accountId();
        }

        @GET
        @Path("generations")
        @RequiresScope(TokenScope.GENERATE)
        public String generations(@Context SecurityContext security) {
            return Callers.require(security).accountId();
        }

        @GET
        @Path("health")
        @AnyScope
        public String health() {
            return "up";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Credential> known = Map.of(
                "asp_metrics", new Credential(new Caller("a1", "ops@example.com", "user"), null,
                        EnumSet.of(TokenScope.METRICS_READ)),
                "as_session", new Credential(ADMIN, "s1", TokenScope.ofRole("admin")));
        AuthFilter auth = new AuthFilter(new Known(known));
        Application app = new Application() {
            @Override
            public Set<Object> getSingletons() {
                return Set.of(new StandIn(), auth, new JsonProvider());
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/api/v1");
        context.addServlet(new ServletHolder(new CXFNonSpringJaxrsServlet(app)), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/api/v1";
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMetricsTokenReadsMetricsOnly() throws Exception {
        HttpResponse<String> metrics = get("/metrics", "asp_metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertEquals("a1", metrics.body());
        assertEquals(200, get("/health", "asp_metrics").statusCode());
        for (String path : List.of("/me/export", "/generations")) {
            HttpResponse<String> refused = get(path, "asp_metrics");
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertTrue(refused.body().contains("\"insufficient_scope\""), refused.body());
        }
    }

    @Test
    void aSessionReachesEveryEndpointOfItsRole() throws Exception {
        for (String path : List.of("/metrics", "/me/export", "/generations", "/health")) {
            assertEquals(200, get(path, "as_session").statusCode(), path);
        }
    }

    /** Knows a fixed set of bearers. */
    private record Known(Map<String, Credential> credentials) implements AuthOnlyAccounts {
        @Override
        public Optional<Credential> credential(String bearerToken, ClientInfo client) {
            return Optional.ofNullable(credentials.get(bearerToken));
        }

        @Override
        public Optional<Caller> authenticate(String bearerToken) {
            throw new AssertionError("the filter asks for the credential");
        }
    }
}
