package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.Test;

/**
 * Every operation of the published OpenAPI document whose path takes an id is tried by user B with user
 * A's id, and must answer 404 {@code not_found} exactly as for a missing object, leaving A's object as it
 * was. The operations come from {@code GET /openapi.json} itself: one that takes an id and is neither
 * covered below nor exempted with a reason fails this test, so a new endpoint cannot skip the check.
 * Then fields a client may not set ({@code role}, {@code credits}, {@code plan}, {@code balance}, owner ids)
 * are sent in request bodies and must change nothing.
 */
public class AuthorizationMatrixIT extends AisoraKarafTestSupport {
    /** Every account here signs up with it (Journey); creating a token asks for it again. */
    private static final String PASSWORD = "a long password";
    /** A's objects, made once per test through the API. */
    private record Owned(String generationId, String mediaId, String tokenId, String sessionId) {
    }

    /** "verb path" -> A's id for that path. */
    private static final Map<String, Function<Owned, String>> COVERED = new HashMap<>();
    /** "verb path" -> why B trying A's id is not a question for this operation. */
    private static final Map<String, String> EXEMPT = Map.of(
            "post /billing/webhooks/{processor}", "a payment processor's endpoint: the path names a plugin, not an"
                    + " object of an account, and the body is verified by the processor's signature",
            "get /deletion-receipts/{id}", "public by design for 30 days: a receipt names no account and holds no"
                    + " personal data; its id (128+ random bits) is the capability");

    static {
        COVERED.put("get /generations/{id}", Owned::generationId);
        COVERED.put("post /generations/{id}/cancel", Owned::generationId);
        COVERED.put("get /media/{id}", Owned::mediaId);
        COVERED.put("delete /media/{id}", Owned::mediaId);
        COVERED.put("get /media/{id}/content", Owned::mediaId);
        COVERED.put("get /media/{id}/thumbnail", Owned::mediaId);
        COVERED.put("post /media/{id}/signed-url", Owned::mediaId);
        COVERED.put("delete /tokens/{id}", Owned::tokenId);
        COVERED.put("delete /me/sessions/{id}", Owned::sessionId);
    }

    private int statusAs(String token, String path, String userAgent) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(apiBase() + path))
                    .header("Authorization", "Bearer " + token).header("User-Agent", userAgent).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Owned seed(Journey owner) {
        JsonNode job = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a quiet harbour",
                "width", 128, "height", 128), owner.token).json();
        JsonNode done = owner.awaitTerminal(job.get("id").asText());
        assertEquals(done.toString(), "succeeded", done.get("status").asText());
        HttpResult token = http("POST", "/tokens", Map.of("name", "matrix", "currentPassword", PASSWORD),
                owner.token);
        assertEquals(token.toString(), 201, token.status());
        return new Owned(job.get("id").asText(), done.get("outputs").get(0).get("id").asText(),
                token.json().get("id").asText(), currentSessionId(owner.token));
    }

    /** The id (not the token) of the session {@code session} is, from the caller's own list. */
    private String currentSessionId(String session) {
        HttpResult list = http("GET", "/me/sessions", null, session);
        assertEquals(list.toString(), 200, list.status());
        for (JsonNode s : list.json()) {
            if (s.get("current").asBoolean()) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no current session in " + list);
    }

    @Test
    public void everyOperationWithAnIdAnswers404ToAnotherAccount() {
        Journey ann = Journey.signUp(this, "matrix-owner");
        Journey bob = Journey.signUp(this, "matrix-other");
        Owned owned = seed(ann);
        String annsTokenSecret = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "survivor"), ann.token).json()
                .get("token").asText();

        List<String> uncovered = new ArrayList<>();
        TreeSet<String> tried = new TreeSet<>();
        JsonNode paths = get("/openapi.json").json().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().contains("{")) {
                continue;
            }
            for (Iterator<String> verbs = path.getValue().fieldNames(); verbs.hasNext(); ) {
                String verb = verbs.next().toLowerCase(Locale.ROOT);
                String operation = verb + " " + path.getKey();
                if (EXEMPT.containsKey(operation)) {
                    continue;
                }
                Function<Owned, String> id = COVERED.get(operation);
                if (id == null) {
                    uncovered.add(operation);
                    continue;
                }
                String concrete = path.getKey().replaceAll("\\{[^}]+}", id.apply(owned));
                HttpResult r = http(verb.toUpperCase(Locale.ROOT), concrete, null, bob.token);
                assertEquals(operation + " by another account: " + r, 404, r.status());
                assertEquals(operation + ": " + r, "not_found", r.json().get("error").get("code").asText());
                tried.add(operation);
            }
        }
        if (!uncovered.isEmpty()) {
            fail("operations that take an id but are not in the authorization matrix (add them to COVERED, or to"
                    + " EXEMPT with a reason): " + uncovered);
        }
        assertEquals("every covered operation is still published", new TreeSet<>(COVERED.keySet()), tried);

        // nothing of A's was touched by B's attempts
        assertEquals(200, http("GET", "/media/" + owned.mediaId(), null, ann.token).status());
        assertEquals(200, ann.bytesStatus("/media/" + owned.mediaId() + "/content"));
        assertEquals("succeeded", http("GET", "/generations/" + owned.generationId(), null, ann.token).json()
                .get("status").asText());
        assertTrue("A's tokens survive B's DELETEs", http("GET", "/tokens", null, ann.token).body()
                .contains(owned.tokenId()));
        assertEquals(200, http("GET", "/me", null, annsTokenSecret).status());
        assertEquals("A's session survives B's DELETE", owned.sessionId(), currentSessionId(ann.token));
        // and B sees none of it in its own lists
        assertFalse(http("GET", "/generations", null, bob.token).body().contains(owned.generationId()));
        assertFalse(http("GET", "/media", null, bob.token).body().contains(owned.mediaId()));
        assertFalse(http("GET", "/tokens", null, bob.token).body().contains(owned.tokenId()));
    }

    @Test
    public void fieldsAClientMayNotSetAreIgnored() {
        Journey bob = Journey.signUp(this, "matrix-victim");
        String email = "matrix-fields-" + System.nanoTime() + "@example.org";
        HttpResult created = http("POST", "/accounts", Map.of("name", "Mallory", "email", email,
                "password", "a long password", "birthDate", "1990-05-01", "acceptedPolicyVersion", Journey.policy(this),
                "role", "admin", "credits", 1_000_000, "plan", "pro", "balance", 1_000_000), null);
        assertEquals(created.toString(), 201, created.status());
        String session = http("POST", "/sessions", Map.of("email", email, "password", "a long password",
                "role", "admin"), null).json().get("token").asText();
        Journey.verify(this, email, session);
        JsonNode me = http("GET", "/me", null, session).json();
        assertEquals("user", me.get("role").asText());
        assertEquals("free", me.get("plan").asText());
        long balance = http("GET", "/credits", null, session).json().get("balance").asLong();
        assertTrue("the sign-up grant only, not the body's credits: " + balance, balance < 1_000_000);
        assertEquals(403, http("GET", "/admin/audit", null, session).status());

        // a token made with someone else's id and a role in its body is the caller's, with the caller's role
        HttpResult token = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "sneaky", "accountId", bob.id(this),
                "role", "admin", "expiresInDays", 1), session);
        assertEquals(token.toString(), 201, token.status());
        JsonNode viaToken = http("GET", "/me", null, token.json().get("token").asText()).json();
        assertEquals(me.get("id").asText(), viaToken.get("id").asText());
        assertEquals("user", viaToken.get("role").asText());
        assertFalse(http("GET", "/tokens", null, bob.token).body().contains("sneaky"));

        // a generation cannot name its owner, price or outcome
        HttpResult job = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a kite",
                "width", 128, "height", 128, "cost", 0, "ownerId", bob.id(this), "status", "succeeded"), session);
        assertEquals(job.toString(), 202, job.status());
        assertTrue(job.json().get("cost").asLong() > 0);
        assertEquals(404, http("GET", "/generations/" + job.json().get("id").asText(), null, bob.token).status());

        // PATCH /me, where published, changes profile fields only
        if (get("/openapi.json").json().get("paths").path("/me").has("patch")) {
            http("PATCH", "/me", Map.of("name", "Renamed", "role", "admin", "plan", "pro", "credits", 1_000_000,
                    "balance", 1_000_000), session);
            JsonNode after = http("GET", "/me", null, session).json();
            assertEquals("user", after.get("role").asText());
            assertEquals("free", after.get("plan").asText());
            assertTrue(http("GET", "/credits", null, session).json().get("balance").asLong() < 1_000_000);
        }
    }

    @Test
    public void securityHeadersCorsAndThrottlingOverHttp() {
        Map<String, String> owasp = Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");
        List<HttpResult> answers = List.of(get("/health"), get("/no-such-endpoint"), get("/credits"),
                http("GET", "/credits", null, "as_not-a-real-token"), http("POST", "/sessions", "{", null));
        for (HttpResult r : answers) {
            owasp.forEach((name, value) -> assertEquals(name + " on " + r, value, r.header(name)));
            assertTrue("CSP on " + r, r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
            assertEquals("CORS is off by default", "", r.header("Access-Control-Allow-Origin"));
        }

        Journey cy = Journey.signUp(this, "matrix-throttle");
        JsonNode grant = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "ci", "expiresInDays", 7), cy.token).json();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, http("POST", "/sessions", Map.of("email", cy.email, "password", "wrong " + i), null)
                    .status());
        }
        HttpResult throttled = http("POST", "/sessions", Map.of("email", cy.email, "password", "a long password"),
                null);
        assertEquals(throttled.toString(), 429, throttled.status());
        assertEquals("too_many_login_attempts", throttled.json().get("error").get("code").asText());
        assertTrue(Long.parseLong(throttled.header("Retry-After")) > 0);
        assertEquals("nosniff", throttled.header("X-Content-Type-Options"));

        // the API token (made before the failed sign-ins: creating one asks for the password again, under the
        // same sign-in delays) works like a session until revoked; devices and the audit log saw it
        String secret = grant.get("token").asText();
        assertEquals(200, http("GET", "/credits", null, secret).status());
        assertFalse("no secret in the list", http("GET", "/tokens", null, cy.token).body().contains(secret));
        // API use from another client is recorded as a device of its own (the auth filter passes the client)
        assertEquals(200, statusAs(secret, "/credits", "curl/8.5.0"));
        JsonNode devices = http("GET", "/me/devices", null, cy.token).json();
        assertTrue(devices.toString(), devices.toString().contains("\"browser\":\"curl\""));
        assertTrue(devices.toString(), devices.toString().contains("\"browser\":\"Java HttpClient\""));
        assertEquals(204, http("DELETE", "/tokens/" + grant.get("id").asText(), null, cy.token).status());
        assertEquals(401, http("GET", "/credits", null, secret).status());

        executeCommand("aisora:user-role " + cy.email + " admin");
        JsonNode audit = http("GET", "/admin/audit?limit=50", null, cy.token).json();
        String actions = audit.toString();
        for (String action : new String[] {"login", "login_failed", "token_created", "token_revoked", "role_changed"}) {
            assertTrue(action + " in " + actions, actions.contains("\"" + action + "\""));
        }
        assertFalse("no e-mail in the audit log", actions.contains(cy.email));
    }

    /**
     * The metrics scraper's token holds {@code metrics:read} only: 200 on {@code /metrics}, 403 on the export,
     * generations, every other {@code /admin} path of the published document, and the account itself.
     */
    @Test
    public void aMetricsReadTokenReadsMetricsAndNothingElse() {
        Journey ops = Journey.signUp(this, "matrix-scraper");
        executeCommand("aisora:user-role " + ops.email + " admin");
        HttpResult grant = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "prometheus", "scopes", List.of("metrics:read")),
                ops.token);
        assertEquals(grant.toString(), 201, grant.status());
        assertEquals("[\"metrics:read\"]", grant.json().get("scopes").toString());
        String scraper = grant.json().get("token").asText();

        // as a scraper asks (text, not the JSON the other helpers accept)
        assertEquals(200, statusAs(scraper, "/metrics", "Prometheus/2.53.0"));
        List<String> refused = new ArrayList<>(List.of("/me/export", "/generations", "/me", "/tokens", "/credits",
                "/me/sessions", "/media"));
        for (Iterator<String> it = get("/openapi.json").json().get("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (path.startsWith("/admin/") && !path.contains("{")) {
                refused.add(path);
            }
        }
        assertTrue("the admin paths are published: " + refused, refused.contains("/admin/audit"));
        for (String path : refused) {
            HttpResult r = http("GET", path, null, scraper);
            assertEquals(path + " with a metrics:read token: " + r, 403, r.status());
            assertTrue(path + ": " + r, r.body().contains("\"insufficient_scope\""));
        }
        HttpResult generate = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a lighthouse",
                "width", 128, "height", 128), scraper);
        assertEquals(generate.toString(), 403, generate.status());
        HttpResult email = http("PATCH", "/me", Map.of("email", "taken-over@example.org"), scraper);
        assertEquals(email.toString(), 403, email.status());
        // the admin's own session still reaches everything, and the list shows the token's scopes
        assertEquals(200, http("GET", "/admin/audit", null, ops.token).status());
        assertTrue(http("GET", "/tokens", null, ops.token).body().contains("\"scopes\":[\"metrics:read\"]"));

        // a user cannot mint an admin-only scope; without scopes a token gets the user scopes
        Journey user = Journey.signUp(this, "matrix-user-scopes");
        HttpResult beyond = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "x", "scopes", List.of("metrics:read")),
                user.token);
        assertEquals(beyond.toString(), 403, beyond.status());
        assertEquals("scope_exceeds_role", beyond.json().get("error").get("code").asText());
        HttpResult standard = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "default"), user.token);
        assertEquals("[\"generate\",\"media\",\"account\",\"billing\"]", standard.json().get("scopes").toString());
        assertEquals(403, statusAs(standard.json().get("token").asText(), "/metrics", "Prometheus/2.53.0"));
    }

    /** Sessions can be listed and ended; an API token cannot sign out (400) and survives sign-out everywhere. */
    @Test
    public void signOutEverywhereEndsSessionsAndKeepsTokens() {
        Journey dee = Journey.signUp(this, "matrix-sessions");
        String second = http("POST", "/sessions", Map.of("email", dee.email, "password", "a long password"), null)
                .json().get("token").asText();
        JsonNode listed = http("GET", "/me/sessions", null, dee.token).json();
        assertTrue(listed.toString(), listed.size() >= 2);
        assertFalse("no token in the list", listed.toString().contains(second) || listed.toString()
                .contains(dee.token));
        String token = http("POST", "/tokens", Map.of("currentPassword", PASSWORD,
                "name", "kept"), dee.token).json().get("token").asText();

        HttpResult tokenSignOut = http("DELETE", "/sessions/current", null, token);
        assertEquals(tokenSignOut.toString(), 400, tokenSignOut.status());
        assertEquals("not_a_session", tokenSignOut.json().get("error").get("code").asText());

        HttpResult everywhere = http("DELETE", "/me/sessions", null, dee.token);
        assertEquals(everywhere.toString(), 200, everywhere.status());
        assertEquals(401, http("GET", "/me", null, dee.token).status());
        assertEquals(401, http("GET", "/me", null, second).status());
        assertEquals("the API token is kept", 200, http("GET", "/me", null, token).status());
    }
}
