package org.aisora.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsFilterTest {
    private static final String APP = "https://app.example.com";

    static CorsSettings settings(String... origins) {
        CorsSettings.Config config = (CorsSettings.Config) Proxy.newProxyInstance(CorsFilterTest.class.getClassLoader(),
                new Class<?>[] {CorsSettings.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "cors_allowed_origins" -> origins;
                    case "cors_max_age_seconds" -> 300;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new CorsSettings(config);
    }

    private static FilterContexts.Request preflight(String origin, String headers) {
        return new FilterContexts.Request("OPTIONS", "generations", false, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", headers));
    }

    /** The request filter, then (as the container does) the response filters on whatever came out. */
    private static FilterContexts.ResponseContext exchange(CorsFilter cors, FilterContexts.Request request, int status) {
        cors.filter(request.context());
        FilterContexts.ResponseContext response = request.aborted != null
                ? FilterContexts.ResponseContext.of(request.aborted) : new FilterContexts.ResponseContext(status);
        cors.filter(request.context(), response.context());
        new SecurityHeadersFilter().filter(request.context(), response.context());
        return response;
    }

    @Test
    void withoutConfigurationCorsIsOff() {
        CorsFilter cors = new CorsFilter();
        FilterContexts.Request request = preflight(APP, "Authorization");
        FilterContexts.ResponseContext response = exchange(cors, request, 200);
        assertNull(request.aborted, "no preflight answer");
        assertFalse(response.headers.keySet().stream().anyMatch(h -> h.startsWith("Access-Control-")),
                response.headers.toString());
        assertFalse(exchange(cors, new FilterContexts.Request("GET", "plans", false, Map.of("Origin", APP)), 200)
                .headers.containsKey("Access-Control-Allow-Origin"));
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithOnlyTheHeadersTheApiTakes() {
        CorsFilter cors = new CorsFilter();
        cors.settings = settings(APP + ", http://localhost:5173");
        FilterContexts.Request request = preflight(APP, "Authorization, Content-Type, X-Evil");
        FilterContexts.ResponseContext response = exchange(cors, request, 200);
        assertNotNull(request.aborted);
        assertEquals(204, response.status);
        assertEquals(APP, response.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", response.header("Vary"));
        assertEquals(CorsFilter.METHODS, response.header("Access-Control-Allow-Methods"));
        assertEquals("Authorization, Content-Type", response.header("Access-Control-Allow-Headers"));
        assertEquals("300", response.header("Access-Control-Max-Age"));
        assertNull(response.header("Access-Control-Allow-Credentials"));
        assertEquals(1, response.headers.get("Access-Control-Allow-Origin").size());
        SecurityHeadersFilterTest.assertOwasp(response);

        FilterContexts.Request local = preflight("http://localhost:5173", "authorization");
        exchange(cors, local, 200);
        assertNotNull(local.aborted, "a second configured origin with its port");
    }

    @Test
    void otherOriginsGetNothingAndTheirPreflightsAreNotAnswered() {
        CorsFilter cors = new CorsFilter();
        cors.settings = settings(APP);
        for (String origin : new String[] {"https://evil.example.com", "http://app.example.com",
            "https://app.example.com:8443", "https://app.example.com.evil.net", "null"}) {
            FilterContexts.Request request = preflight(origin, "Authorization");
            FilterContexts.ResponseContext response = exchange(cors, request, 200);
            assertNull(request.aborted, origin);
            assertNull(response.header("Access-Control-Allow-Origin"), origin);
        }
    }

    @Test
    void anAllowedOriginsRequestsEchoItAndExposeRetryAfter() {
        CorsFilter cors = new CorsFilter();
        cors.settings = settings(APP);
        FilterContexts.ResponseContext response = exchange(cors,
                new FilterContexts.Request("GET", "credits", false, Map.of("Origin", APP)), 429);
        assertEquals(APP, response.header("Access-Control-Allow-Origin"));
        assertTrue(response.header("Access-Control-Expose-Headers").contains("Retry-After"));
        FilterContexts.ResponseContext noOrigin = exchange(cors,
                new FilterContexts.Request("GET", "credits", false, Map.of()), 200);
        assertNull(noOrigin.header("Access-Control-Allow-Origin"));
    }

    @Test
    void wildcardsPathsAndNonsenseAreNotOrigins() {
        CorsSettings s = settings("*", "https://app.example.com/path", "ftp://files.example.com", "null", "",
                "HTTPS://Upper.Example.com");
        assertFalse(s.allows("https://anything.example.com"));
        assertFalse(s.allows("https://app.example.com"));
        assertFalse(s.allows("null"));
        assertTrue(s.allows("https://upper.example.com"));
        assertEquals("https://a.example.com:8443", CorsSettings.normalize("https://A.example.com:8443"));
        assertNull(CorsSettings.normalize("https://user@a.example.com"));
    }
}
