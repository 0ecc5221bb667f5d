package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Readiness and liveness on the real distribution: the JAX-RS whiteboard's own runtime DTOs decide whether
 * every resource is in, {@code aisora:drain} turns the node not-ready while it stays alive, and a resource that
 * goes away (as one that has not arrived yet after a boot) is named in the 503.
 */
public class ReadinessIT extends AisoraKarafTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACCOUNTS = "org.aisora.rest.internal.resources.AccountResource";

    @Test
    public void liveAnswers200WithoutChecks() {
        HttpResult live = get("/health/live");
        assertEquals(live.toString(), 200, live.status());
        assertEquals(live.body(), "alive", live.json().path("status").asText());
        assertTrue(live.header("Content-Type"), live.header("Content-Type").startsWith("application/json"));
    }

    @Test
    public void readyAnswers200OnceEveryResourceIsIn() {
        HttpResult ready = waitForHttp200("/health/ready", WAIT);
        JsonNode body = ready.json();
        assertEquals(ready.body(), "ready", body.path("status").asText());
        assertEquals(ready.body(), 0, body.path("missing").size());
        assertEquals(ready.body(), "19/19", body.path("checks").path("resources").asText());
        assertEquals(ready.body(), "ok", body.path("checks").path("application").asText());
        assertEquals(ready.body(), "builtin", body.path("checks").path("provider").asText());
    }

    @Test
    public void aDrainingNodeIsNotReadyButAlive() {
        waitForHttp200("/health/ready", WAIT);
        try {
            String out = executeCommand("aisora:drain");
            assertTrue(out, out.contains("draining since"));
            HttpResult ready = get("/health/ready");
            assertEquals(ready.toString(), 503, ready.status());
            assertEquals(ready.body(), "draining", ready.json().path("status").asText());
            assertEquals(ready.body(), "node:draining", ready.json().path("missing").path(0).asText());
            assertEquals("5", ready.header("Retry-After"));
            assertEquals(200, get("/health/live").status());
            assertEquals("the platform itself is fine", 200, get("/health").status());
        } finally {
            executeCommand("aisora:undrain");
        }
        waitForHttp200("/health/ready", WAIT);
    }

    /** What was seen after a boot with extra features: POST /accounts 404 while /health said ok. */
    @Test
    public void aResourceThatIsNotInIsNamed() throws Exception {
        waitForHttp200("/health/ready", WAIT);
        ServiceReference<ServiceComponentRuntime> ref = bundleContext.getServiceReference(ServiceComponentRuntime.class);
        assertNotNull("Declarative Services runtime", ref);
        ServiceComponentRuntime scr = bundleContext.getService(ref);
        ComponentDescriptionDTO accounts = scr.getComponentDescriptionDTO(restBundle(), ACCOUNTS);
        assertNotNull(ACCOUNTS, accounts);
        scr.disableComponent(accounts).getValue();
        try {
            HttpResult ready = waitForStatus("/health/ready", 503);
            assertEquals(ready.body(), "not_ready", ready.json().path("status").asText());
            assertTrue(ready.body(), missing(ready).contains("resource:aisora.accounts"));
            assertEquals(ready.body(), "18/19", ready.json().path("checks").path("resources").asText());
            assertEquals(200, get("/health").status());
            assertEquals(200, get("/health/live").status());
        } finally {
            scr.enableComponent(accounts).getValue();
        }
        HttpResult back = waitForHttp200("/health/ready", WAIT);
        assertEquals(back.body(), 0, back.json().path("missing").size());
        // and readiness was right: the resource serves again (a sign-up without a body is a 400, not a 404)
        assertEquals(400, http("POST", "/accounts", "{}", null).status());
    }

    private static List<String> missing(HttpResult ready) {
        List<String> out = new ArrayList<>();
        ready.json().path("missing").forEach(m -> out.add(m.asText()));
        return out;
    }

    private Bundle restBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.aisora.rest".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.aisora.rest is not installed");
    }

    private HttpResult waitForStatus(String path, int status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResult last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (last.status() == status) {
                return last;
            }
            sleep(Duration.ofMillis(200));
        }
        fail("GET " + path + " did not answer " + status + " within " + WAIT + "; last: " + last);
        return last;
    }
}
