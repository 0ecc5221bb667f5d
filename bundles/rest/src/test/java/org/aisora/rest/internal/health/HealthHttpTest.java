package org.aisora.rest.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import javax.ws.rs.core.Application;
import org.aisora.rest.internal.app.JsonProvider;
import org.aisora.rest.internal.http.LivenessServlet;
import org.aisora.rest.internal.resources.HealthResource;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready} and {@code /health/live} over real HTTP: Jetty 9.4 (the line Pax Web runs) with the
 * API's servlet context at {@code /api/v1}, CXF's JAX-RS servlet on {@code /*} serving the health resource,
 * and the liveness servlet on its exact path, as the two whiteboards lay them out in the container.
 */
class HealthHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Server server;
    private static String base;
    private static Platform platform;

    /** Most of the API's resources sit at "/" beside the health resource: routing must still pick the latter. */
    @javax.ws.rs.Path("/")
    public static final class RootStandIn {
        @javax.ws.rs.GET
        @javax.ws.rs.Path("openapi.json")
        public String openApi() {
            return "{}";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        platform = new Platform();
        ReadinessProbe probe = new ReadinessProbe(platform.directory, platform.node, platform.clock);
        probe.bindRuntime(platform.runtime);
        HealthResource resource = new HealthResource(platform.directory, probe);
        Application app = new Application() {
            @Override
            public Set<Object> getSingletons() {
                return Set.of(resource, new RootStandIn(), new JsonProvider());
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/api/v1");
        context.addServlet(new ServletHolder(new CXFNonSpringJaxrsServlet(app)), "/*");
        context.addServlet(new ServletHolder(new LivenessServlet()), LivenessServlet.PATH);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/api/v1";
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void completePlatform() {
        platform.deployed.addAll(ExpectedResources.NAMES);
        platform.node.resume();
        platform.clock.advance(Duration.ofSeconds(5));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCompletePlatformAnswers200Ready() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("ready", body.get("status").asText());
        assertEquals(0, body.get("missing").size());
        int all = ExpectedResources.NAMES.size();
        assertEquals(all + "/" + all, body.get("checks").get("resources").asText());
        assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(ready.headers().firstValue("Retry-After").isEmpty());

        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
    }

    @Test
    void aMissingResourceIs503NamingIt() throws Exception {
        platform.deployed.remove("aisora.accounts");
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("5", ready.headers().firstValue("Retry-After").orElse(""));
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("not_ready", body.get("status").asText());
        assertEquals("resource:aisora.accounts", body.get("missing").get(0).asText());
        assertEquals(1, body.get("missing").size());
    }

    @Test
    void aDrainingNodeIs503DrainingWhileLiveStays200() throws Exception {
        platform.node.drain();
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("draining", JSON.readTree(ready.body()).get("status").asText());
        assertEquals("node:draining", JSON.readTree(ready.body()).get("missing").get(0).asText());

        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("alive", JSON.readTree(live.body()).get("status").asText());
        assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        platform.node.resume();
        assertEquals(200, get("/health/ready").statusCode());
    }

    @Test
    void liveAnswersWithNothingElseUp() throws Exception {
        platform.deployed.clear();
        platform.database = false;
        try {
            assertEquals(503, get("/health/ready").statusCode());
            assertEquals(200, get("/health/live").statusCode());
            assertEquals(503, get("/health").statusCode(), "the platform's health is down without its database");
            assertEquals(200, get("/openapi.json").statusCode(), "the resources at / still answer");
        } finally {
            platform.database = true;
        }
    }
}
