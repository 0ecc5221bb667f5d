package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/**
 * Retention policies are plugins, swapped at runtime in the real distribution: with {@code strict}
 * chosen, new items expire after 24 hours and the next sweep moves what exists to it; switching back to
 * {@code standard} gives a free account's items their 7 days again. The sweep, its report and the
 * usage statistics answer on the console, the metrics over HTTP for an admin token.
 */
public class RetentionPolicySwapIT extends AisoraKarafTestSupport {
    private static final String PLUGINS = "org.aisora.core.plugins";

    @Test
    public void switchStandardToStrictAndBack() throws Exception {
        Journey ann = Journey.signUp(this, "policy");
        JsonNode before = upload(ann);
        assertExpiry(before, Duration.ofDays(7));

        install("aisora-policy-strict");
        awaitPlugin("strict");
        executeCommand("config:property-set -p " + PLUGINS + " retention.policy strict");
        JsonNode strict = awaitExpiry(ann, Duration.ofHours(24));
        assertExpiry(strict, Duration.ofHours(24));
        // the plans show what the active policy enforces, not the plan lines' days
        assertPlanRetention("free", 24);
        assertPlanRetention("pro", 24);

        String run = executeCommand("aisora:retention-run");
        assertTrue(run, run.contains("sweep: 0 item(s)"));
        assertExpiry(http("GET", "/media/" + before.get("id").asText(), null, ann.token).json(), Duration.ofHours(24));
        String report = executeCommand("aisora:retention-report");
        assertTrue(report, report.contains("upload") && report.contains("last sweep:"));

        executeCommand("config:property-set -p " + PLUGINS + " retention.policy standard");
        JsonNode standard = awaitExpiry(ann, Duration.ofDays(7));
        assertExpiry(standard, Duration.ofDays(7));
        assertPlanRetention("free", 7 * 24);
        assertPlanRetention("pro", 30 * 24);
        executeCommand("aisora:retention-run");
        assertExpiry(http("GET", "/media/" + before.get("id").asText(), null, ann.token).json(), Duration.ofDays(7));
        assertExpiry(http("GET", "/media/" + strict.get("id").asText(), null, ann.token).json(), Duration.ofDays(7));
    }

    @Test
    public void statsAndMetricsAnswerAdminsOnly() throws Exception {
        Journey bob = Journey.signUp(this, "metrics");
        assertEquals(403, scrape(bob.token).statusCode());
        assertEquals(403, http("GET", "/admin/stats", null, bob.token).status());
        executeCommand("aisora:user-role " + bob.email + " admin");
        HttpResponse<String> metrics = scrape(bob.token);
        assertEquals(metrics.body(), 200, metrics.statusCode());
        assertTrue(metrics.headers().toString(), metrics.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/plain"));
        assertTrue(metrics.body(), metrics.body().contains("aisora_plugin_up{family="));
        assertTrue(metrics.body(), !metrics.body().contains(bob.email));
        HttpResult stats = http("GET", "/admin/stats", null, bob.token);
        assertEquals(stats.toString(), 200, stats.status());
        assertEquals(5, stats.json().get("k").asInt());
        assertEquals(400, http("GET", "/admin/stats?from=yesterday", null, bob.token).status());
        assertTrue(executeCommand("aisora:stats"), executeCommand("aisora:stats").contains("withheld"));
    }

    /** What a Prometheus server sends: its own Accept header and a bearer token. */
    private HttpResponse<String> scrape(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(apiBase() + "/metrics"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertExpiry(JsonNode item, Duration keep) {
        Instant created = Instant.parse(item.get("createdAt").asText());
        Instant expires = Instant.parse(item.get("expiresAt").asText());
        assertEquals(item.toString(), keep.toMillis(), Duration.between(created, expires).toMillis(), 1000);
    }

    /** Uploads until the new choice is in effect (the registry reads its configuration asynchronously). */
    private JsonNode awaitExpiry(Journey user, Duration keep) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode item = upload(user);
            Duration got = Duration.between(Instant.parse(item.get("createdAt").asText()),
                    Instant.parse(item.get("expiresAt").asText()));
            if (Math.abs(got.toMillis() - keep.toMillis()) < 1000) {
                return item;
            }
            assertTrue("the policy switch never applied: " + item, System.nanoTime() < deadline);
            sleep(Duration.ofMillis(300));
        }
    }

    private JsonNode upload(Journey user) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(48, 32,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        byte[] png = bytes.toByteArray();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(apiBase() + "/media")).header("Authorization", "Bearer " + user.token)
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        return parseJson(created.body());
    }

    /**
     * feature:install, again until it takes: right after start-up the features service may still be
     * reloading its repositories and answer "No matching features" for a moment.
     */
    private void install(String feature) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                executeCommand("feature:install " + feature);
                return;
            } catch (RuntimeException | AssertionError e) {
                assertTrue(feature + " never installed: " + e, System.nanoTime() < deadline);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void awaitPlugin(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!executeCommand("aisora:plugins").contains(id)) {
            assertTrue(id + " never registered", System.nanoTime() < deadline);
            sleep(Duration.ofMillis(250));
        }
    }

    private void assertPlanRetention(String plan, long hours) {
        JsonNode plans = http("GET", "/plans", null, null).json();
        for (JsonNode p : plans) {
            if (p.get("id").asText().equals(plan)) {
                assertEquals(p.toString(), hours, p.get("retentionHours").asLong());
                assertEquals(p.toString(), (hours + 23) / 24, p.get("retentionDays").asLong());
                return;
            }
        }
        throw new AssertionError("no plan " + plan + " in " + plans);
    }
}
