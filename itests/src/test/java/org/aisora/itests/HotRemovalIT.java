package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

/**
 * Hot removal from day one: uninstalling the built-in provider's feature makes the next job fail
 * cleanly with no_provider (credits released); installing it again brings generation back, no restart.
 */
public class HotRemovalIT extends AisoraKarafTestSupport {

    @Test
    public void uninstallAndReinstallTheBuiltinProviderWithoutRestart() {
        Journey ann = Journey.signUp(this, "hot");
        assertEquals("succeeded", generate(ann).get("status").asText());
        long balance = credits(ann);

        executeCommand("feature:uninstall aisora-provider-builtin");
        awaitPlugins(false);
        JsonNode failed = generate(ann);
        assertEquals(failed.toString(), "failed", failed.get("status").asText());
        assertEquals("no_provider", failed.get("error").get("code").asText());
        assertEquals("the held credits were released", balance, credits(ann));
        assertEquals(0, http("GET", "/credits", null, ann.token).json().get("reserved").asLong());
        assertEquals("health degrades but still serves", 200, get("/health").status());

        executeCommand("feature:install aisora-provider-builtin");
        awaitPlugins(true);
        JsonNode back = generate(ann);
        assertEquals(back.toString(), "succeeded", back.get("status").asText());
        assertTrue(credits(ann) < balance);
    }

    private JsonNode generate(Journey user) {
        JsonNode job = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a barn at dusk",
                "width", 128, "height", 128), user.token).json();
        return user.awaitTerminal(job.get("id").asText());
    }

    private long credits(Journey user) {
        return http("GET", "/credits", null, user.token).json().get("balance").asLong();
    }

    private void awaitPlugins(boolean builtinPresent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (executeCommand("aisora:plugins").contains("builtin") != builtinPresent) {
            assertFalse("aisora:plugins never showed builtin present=" + builtinPresent, System.nanoTime() > deadline);
            sleep(Duration.ofMillis(200));
        }
    }
}
