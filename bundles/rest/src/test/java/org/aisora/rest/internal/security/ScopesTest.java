package org.aisora.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Credential;
import org.aisora.api.service.TokenScope;
import org.aisora.rest.internal.openai.ImagesResource;
import org.aisora.rest.internal.resources.MetricsResource;
import org.aisora.rest.internal.resources.PublicResource;
import org.junit.jupiter.api.Test;

/**
 * Scopes are enforced in one place, the {@link AuthFilter}, from each resource method's {@link RequiresScope}:
 * every resource method declares one (or {@link AnyScope}), the published OpenAPI document says the same
 * (x-scope), and a {@code metrics:read} token is refused everywhere but {@code GET /metrics} and the public
 * endpoints, while a sign-in session and a token made before scopes existed pass as before.
 */
class ScopesTest {
    private static final Caller ADMIN = new Caller("a1", "admin@example.com", "admin");

    /** Every JAX-RS resource class of a package, found on disk so a new one cannot be left out. */
    private static List<Class<?>> resources(Class<?> anchor) throws Exception {
        Path dir = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(anchor.getPackageName().replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = f.getFileName().toString();
                Class<?> c = Class.forName(anchor.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (c.isAnnotationPresent(javax.ws.rs.Path.class)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static String verb(Method m) {
        return m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                : m.isAnnotationPresent(DELETE.class) ? "delete" : m.isAnnotationPresent(PUT.class) ? "put"
                : m.isAnnotationPresent(PATCH.class) ? "patch" : null;
    }

    /** "verb /path" -> the resource method, for both packages of resources. */
    private static Map<String, Method> operations() throws Exception {
        Map<String, Method> ops = new TreeMap<>();
        List<Class<?>> all = new ArrayList<>(resources(PublicResource.class));
        all.addAll(resources(ImagesResource.class));
        assertTrue(all.size() >= 15, "resources found: " + all);
        for (Class<?> resource : all) {
            String base = resource.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                if (verb(m) != null) {
                    javax.ws.rs.Path sub = m.getAnnotation(javax.ws.rs.Path.class);
                    String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    ops.put(verb(m) + " " + (path.length() > 1 && path.endsWith("/")
                            ? path.substring(0, path.length() - 1) : path), m);
                }
            }
        }
        return ops;
    }

    @Test
    void everyResourceMethodDeclaresItsScopeAndTheOpenApiDocumentSaysTheSame() throws Exception {
        Map<String, Method> ops = operations();
        JsonNode paths;
        try (InputStream in = PublicResource.class.getResourceAsStream("openapi.json")) {
            paths = new ObjectMapper().readTree(in).get("paths");
        }
        int scoped = 0;
        for (Map.Entry<String, Method> op : ops.entrySet()) {
            Method m = op.getValue();
            Scopes.Need need = Scopes.of(m.getDeclaringClass(), m);
            assertFalse(need instanceof Scopes.Unknown,
                    op.getKey() + " declares no scope (@RequiresScope or @AnyScope)");
            String[] verbAndPath = op.getKey().split(" ", 2);
            JsonNode documented = paths.path(verbAndPath[1]).path(verbAndPath[0]);
            if (documented.isMissingNode()) {
                assertTrue(verbAndPath[1].startsWith("/openai/"), op.getKey() + " is not in openapi.json");
                continue;
            }
            String xScope = documented.path("x-scope").isTextual() ? documented.get("x-scope").asText() : null;
            assertEquals(need instanceof Scopes.Scoped s ? s.scope().wire() : null, xScope, op.getKey());
            if (need instanceof Scopes.Scoped) {
                scoped++;
                assertTrue(documented.path("responses").has("403"), op.getKey() + " documents no 403");
            }
        }
        assertTrue(scoped >= 35, "scoped operations: " + scoped);
        assertEquals(new Scopes.Scoped(TokenScope.METRICS_READ), Scopes.of(MetricsResource.class,
                ops.get("get /metrics")));
        assertEquals(new Scopes.Scoped(TokenScope.ACCOUNT), Scopes.of(null, ops.get("get /me/export")));
        assertEquals(new Scopes.Any(), Scopes.of(null, ops.get("post /sessions")));
    }

    @Test
    void aMetricsReadTokenReachesMetricsAndThePublicEndpointsOnly() throws Exception {
        Credential metrics = new Credential(new Caller("a1", "admin@example.com", "user"), null,
                EnumSet.of(TokenScope.METRICS_READ));
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, Method> op : operations().entrySet()) {
            FilterContexts.Request request = filtered(metrics, op.getValue());
            if (request.aborted == null) {
                allowed.add(op.getKey());
            } else {
                assertEquals(403, request.aborted.getStatus(), op.getKey());
                assertTrue(String.valueOf(request.aborted.getEntity()).contains("insufficient_scope"),
                        op.getKey() + ": " + request.aborted.getEntity());
            }
        }
        List<String> expected = operations().entrySet().stream()
                .filter(e -> Scopes.of(e.getValue().getDeclaringClass(), e.getValue()) instanceof Scopes.Any)
                .map(Map.Entry::getKey).toList();
        List<String> want = new ArrayList<>(expected);
        want.add("get /metrics");
        want.sort(null);
        assertEquals(want, allowed);
        for (String refused : List.of("get /me/export", "get /generations", "post /generations", "get /admin/audit",
                "get /admin/plugins", "post /tokens", "post /openai/v1/images/generations", "patch /me")) {
            assertFalse(allowed.contains(refused), refused);
        }
    }

    @Test
    void sessionsAndTokensMadeBeforeScopesKeepTheirWholeRole() throws Exception {
        Credential session = new Credential(ADMIN, "s1", TokenScope.ofRole("admin"));
        Credential legacy = new Credential(ADMIN, null, TokenScope.ofRole("admin"));
        Credential userDefault = new Credential(new Caller("u1", "u@example.com", "user"), null, TokenScope.DEFAULT);
        for (Map.Entry<String, Method> op : operations().entrySet()) {
            assertNull(filtered(session, op.getValue()).aborted, op.getKey());
            assertNull(filtered(legacy, op.getValue()).aborted, op.getKey());
            boolean adminOnly = Scopes.of(op.getValue().getDeclaringClass(), op.getValue())
                    instanceof Scopes.Scoped s && s.scope().adminOnly();
            assertEquals(adminOnly, filtered(userDefault, op.getValue()).aborted != null, op.getKey());
        }
    }

    @Test
    void anEndpointWithoutADeclaredScopeIsClosedToTokensOpenToSessions() throws Exception {
        Method undeclared = Object.class.getMethod("toString");
        FilterContexts.Request token = filtered(new Credential(ADMIN, null, TokenScope.ofRole("admin")), undeclared);
        assertNotNull(token.aborted);
        assertEquals(403, token.aborted.getStatus());
        assertNull(filtered(new Credential(ADMIN, "s1", TokenScope.ofRole("admin")), undeclared).aborted);
    }

    @Test
    void metricsNeedTheMetricsScopeAndAUsersSessionIsToldItIsAdminOnly() {
        Credential metrics = new Credential(new Caller("a1", "admin@example.com", "user"), null,
                EnumSet.of(TokenScope.METRICS_READ));
        assertEquals("a1", Callers.requireScope(context(metrics), TokenScope.METRICS_READ).accountId());
        Credential userSession = new Credential(new Caller("u1", "u@example.com", "user"), "s1",
                TokenScope.ofRole("user"));
        assertEquals("admin_only", assertThrows(AisoraException.class,
                () -> Callers.requireScope(context(userSession), TokenScope.METRICS_READ)).code());
        Credential adminWithoutMetrics = new Credential(new Caller("a1", "admin@example.com", "user"), null,
                Set.of(TokenScope.ACCOUNT));
        assertEquals("insufficient_scope", assertThrows(AisoraException.class,
                () -> Callers.requireScope(context(adminWithoutMetrics), TokenScope.METRICS_READ)).code());
    }

    private static SecurityContext context(Credential credential) {
        CallerPrincipal principal = new CallerPrincipal(credential);
        return (SecurityContext) Proxy.newProxyInstance(ScopesTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (p, m, a) -> "getUserPrincipal".equals(m.getName())
                        ? principal : null);
    }

    /** The request after the auth filter, for a bearer that is {@code credential}, matched to {@code method}. */
    private static FilterContexts.Request filtered(Credential credential, Method method) {
        AuthFilter auth = new AuthFilter(new OneCredential(credential));
        auth.resourceInfo = new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return method.getDeclaringClass();
            }
        };
        FilterContexts.Request request = new FilterContexts.Request("GET", "any", false,
                Map.of("Authorization", "Bearer asp_whatever"));
        auth.filter(request.context());
        if (request.aborted == null) {
            assertEquals(credential.caller(), ((CallerPrincipal) request.security.getUserPrincipal()).caller());
        }
        return request;
    }

    /** Knows one credential, whatever the bearer. */
    private record OneCredential(Credential credential) implements AuthOnlyAccounts {
        @Override
        public Optional<Credential> credential(String bearerToken, ClientInfo client) {
            return Optional.of(credential);
        }

        @Override
        public Optional<Caller> authenticate(String bearerToken) {
            throw new AssertionError("the filter asks for the credential");
        }
    }
}
