package org.aisora.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.NotFoundException;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.rest.internal.errors.AisoraExceptionMapper;
import org.aisora.rest.internal.errors.UnexpectedErrorMapper;
import org.aisora.rest.internal.errors.WebErrorMapper;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {
    static final Map<String, String> OWASP = Map.of("Cache-Control", "no-store",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");

    private final SecurityHeadersFilter filter = new SecurityHeadersFilter();

    private FilterContexts.ResponseContext through(FilterContexts.Request request, FilterContexts.ResponseContext r) {
        filter.filter(request.context(), r.context());
        return r;
    }

    static void assertOwasp(FilterContexts.ResponseContext r) {
        OWASP.forEach((name, value) -> assertEquals(value, r.header(name), name + " on a " + r.status));
    }

    @Test
    void everyKindOfAnswerCarriesTheHeaders() {
        FilterContexts.Request get = new FilterContexts.Request("GET", "credits", false, Map.of());
        assertOwasp(through(get, new FilterContexts.ResponseContext(200)));
        assertOwasp(through(get, FilterContexts.ResponseContext.of(new WebErrorMapper().toResponse(new NotFoundException()))));
        assertOwasp(through(get, FilterContexts.ResponseContext.of(new AisoraExceptionMapper().toResponse(
                new RateLimitedException("too_many_login_attempts", "later", 30)))));
        assertOwasp(through(get, FilterContexts.ResponseContext.of(new AisoraExceptionMapper().toResponse(
                AisoraException.notFound("media")))));
        assertOwasp(through(get, FilterContexts.ResponseContext.of(new UnexpectedErrorMapper().toResponse(
                new IllegalStateException("bug")))));
    }

    @Test
    void theAuthFiltersOwn401CarriesThemAndTheClientIsPassedOn() {
        List<ClientInfo> seen = new CopyOnWriteArrayList<>();
        AuthFilter auth = new AuthFilter(new NoAccounts(seen));
        auth.servletRequest = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> "getRemoteAddr".equals(m.getName())
                        ? "192.0.2.44" : null);
        FilterContexts.Request request = new FilterContexts.Request("GET", "credits", false,
                Map.of("Authorization", "Bearer as_unknown", "User-Agent", "curl/8.5.0"));
        auth.filter(request.context());
        assertNotNull(request.aborted, "an unknown token is refused at once");
        assertEquals(401, request.aborted.getStatus());
        assertEquals(List.of(new ClientInfo("192.0.2.44", "curl/8.5.0")), seen);
        assertOwasp(through(request, FilterContexts.ResponseContext.of(request.aborted)));
    }

    @Test
    void aResourcesOwnCacheControlIsKept() {
        FilterContexts.ResponseContext r = new FilterContexts.ResponseContext(200);
        r.headers.putSingle("Cache-Control", "private, max-age=60");
        through(new FilterContexts.Request("GET", "media/x/content", false, Map.of()), r);
        assertEquals("private, max-age=60", r.header("Cache-Control"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    void hstsOnlyOverHttps() {
        assertNull(through(new FilterContexts.Request("GET", "health", false, Map.of()),
                new FilterContexts.ResponseContext(200)).header("Strict-Transport-Security"));
        assertEquals(SecurityHeadersFilter.HSTS, through(new FilterContexts.Request("GET", "health", true, Map.of()),
                new FilterContexts.ResponseContext(200)).header("Strict-Transport-Security"));
    }

    /** Knows no token; remembers the client each check came from. */
    private record NoAccounts(List<ClientInfo> seen) implements AuthOnlyAccounts {
        @Override
        public Optional<Caller> authenticate(String bearerToken, ClientInfo client) {
            seen.add(client);
            return Optional.empty();
        }

        @Override
        public Optional<Caller> authenticate(String bearerToken) {
            throw new AssertionError("the filter passes the client");
        }
    }
}
