package org.aisora.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.Test;

/** The walking skeleton's user journey over HTTP against the real assembly, plus the console. */
public class UserJourneyIT extends AisoraKarafTestSupport {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    public void registerGetCreditsGenerateAndDownload() throws Exception {
        Journey ann = Journey.signUp(this, "ann");
        JsonNode credits = http("GET", "/credits", null, ann.token).json();
        long granted = credits.get("balance").asLong();
        assertEquals(100, granted);
        assertEquals(0, credits.get("reserved").asLong());

        HttpResult submitted = http("POST", "/generations",
                Map.of("type", "text-to-image", "prompt", "a red fox in the snow", "width", 256, "height", 256), ann.token);
        assertEquals(submitted.toString(), 202, submitted.status());
        JsonNode job = submitted.json();
        long cost = job.get("cost").asLong();
        assertTrue(cost > 0);

        JsonNode done = ann.awaitTerminal(job.get("id").asText());
        assertEquals(done.toString(), "succeeded", done.get("status").asText());
        assertEquals("builtin", done.get("provider").asText());
        JsonNode output = done.get("outputs").get(0);
        assertFalse(output.get("expiresAt").isNull());

        Bytes content = ann.bytes("/media/" + output.get("id").asText() + "/content", null);
        assertEquals(200, content.status);
        assertEquals("image/png", content.contentType);
        assertEquals("nosniff", content.header("X-Content-Type-Options"));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(content.body, 8));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(content.body));
        assertEquals(256, png.getWidth());
        assertEquals(256, png.getHeight());
        assertEquals(304, ann.bytes("/media/" + output.get("id").asText() + "/content", content.header("ETag")).status);

        Bytes thumbnail = ann.bytes("/media/" + output.get("id").asText() + "/thumbnail", null);
        assertEquals(200, thumbnail.status);
        assertEquals("image/jpeg", thumbnail.contentType);
        assertNotNull("the thumbnail decodes", ImageIO.read(new ByteArrayInputStream(thumbnail.body)));

        JsonNode after = http("GET", "/credits", null, ann.token).json();
        assertEquals(granted - cost, after.get("balance").asLong());
        assertEquals(0, after.get("reserved").asLong());
        assertEquals("succeeded", http("GET", "/generations", null, ann.token).json().get(0).get("status").asText());
    }

    @Test
    public void anUnverifiedAccountIsRefusedUntilAnOperatorVerifiesItAndThenGetsItsGrantOnce() {
        String email = "unverified-" + System.nanoTime() + "@example.org";
        HttpResult created = http("POST", "/accounts", Map.of("name", "Una", "email", email, "password",
                "a long password", "birthDate", "1990-05-01", "acceptedPolicyVersion", Journey.policy(this)), null);
        assertEquals(created.toString(), 201, created.status());
        assertFalse(created.json().get("emailVerified").asBoolean(true));
        String token = http("POST", "/sessions", Map.of("email", email, "password", "a long password"), null)
                .json().get("token").asText();
        assertEquals(0, http("GET", "/credits", null, token).json().get("balance").asLong());
        HttpResult refused = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a kite",
                "width", 128, "height", 128), token);
        assertEquals(refused.toString(), 403, refused.status());
        assertEquals("email_unverified", refused.json().get("error").get("code").asText());
        // no notifier in the distribution: the code waits in the outbox, a wrong one is refused
        assertEquals("invalid_code", http("POST", "/me/email/verify", Map.of("code", "not-the-code"), token)
                .json().get("error").get("code").asText());

        Journey.verify(this, email, token);
        assertEquals(100, http("GET", "/credits", null, token).json().get("balance").asLong());
        assertTrue(executeCommand("aisora:user-verify " + email).contains("verified already"));
        assertEquals(100, http("GET", "/credits", null, token).json().get("balance").asLong());
        assertEquals(202, http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a kite",
                "width", 128, "height", 128), token).status());
    }

    @Test
    public void aTwelveYearOldIsRefusedAndNothingIsStored() {
        String email = "kid-" + System.nanoTime() + "@example.org";
        HttpResult refused = http("POST", "/accounts", Map.of("name", "Kid", "email", email, "password", "a long password",
                "birthDate", LocalDate.now().minusYears(12).toString(), "acceptedPolicyVersion", Journey.policy(this)), null);
        assertEquals(refused.toString(), 403, refused.status());
        assertEquals("age_restricted", refused.json().get("error").get("code").asText());
        assertFalse("no account row for the minor", executeCommand("aisora:users --limit 1000").contains(email));
        assertEquals(401, http("POST", "/sessions", Map.of("email", email, "password", "a long password"), null).status());
    }

    @Test
    public void aBlockedPromptIsRejectedAndTheCreditsAreRestored() {
        Journey bob = Journey.signUp(this, "bob");
        long before = http("GET", "/credits", null, bob.token).json().get("balance").asLong();
        JsonNode job = http("POST", "/generations", Map.of("type", "text-to-image",
                "prompt", "please draw aisora-moderation-test now", "width", 256, "height", 256), bob.token).json();
        JsonNode done = bob.awaitTerminal(job.get("id").asText());
        assertEquals("rejected", done.get("status").asText());
        assertEquals("prompt_rejected", done.get("error").get("code").asText());
        JsonNode credits = http("GET", "/credits", null, bob.token).json();
        assertEquals(before, credits.get("balance").asLong());
        assertEquals(0, credits.get("reserved").asLong());
    }

    @Test
    public void anotherUsersGenerationAndMediaAreNotFound() {
        Journey ann = Journey.signUp(this, "owner");
        Journey eve = Journey.signUp(this, "eve");
        JsonNode job = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a lighthouse",
                "width", 128, "height", 128), ann.token).json();
        JsonNode done = ann.awaitTerminal(job.get("id").asText());
        String mediaId = done.get("outputs").get(0).get("id").asText();
        for (String path : new String[] {"/generations/" + job.get("id").asText(), "/media/" + mediaId,
            "/media/" + mediaId + "/content", "/media/" + mediaId + "/thumbnail"}) {
            HttpResult r = http("GET", path, null, eve.token);
            assertEquals(path + " " + r, 404, r.status());
            assertEquals("not_found", r.json().get("error").get("code").asText());
        }
        assertEquals(404, http("POST", "/generations/" + job.get("id").asText() + "/cancel", null, eve.token).status());
    }

    @Test
    public void badRequestsGetTheOneErrorShape() {
        Journey ann = Journey.signUp(this, "shape");
        HttpResult malformed = http("POST", "/generations", "{\"type\": \"text-to-image\", \"prompt\": ", ann.token);
        assertEquals(malformed.toString(), 400, malformed.status());
        assertEquals("malformed_json", malformed.json().get("error").get("code").asText());
        assertTrue(malformed.json().get("error").get("message").isTextual());

        HttpResult noToken = http("GET", "/credits", null, null);
        assertEquals(401, noToken.status());
        assertEquals("unauthorized", noToken.json().get("error").get("code").asText());
        assertEquals(401, http("GET", "/me", null, "as_not-a-real-token").status());

        HttpResult unknown = http("GET", "/no-such-endpoint", null, ann.token);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.json().get("error").get("code").asText());

        HttpResult invalid = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "x", "width", 10), ann.token);
        assertEquals(400, invalid.status());
        assertEquals("invalid_size", invalid.json().get("error").get("code").asText());

        // fields a client may not set are ignored
        JsonNode me = http("GET", "/me", null, ann.token).json();
        assertEquals("user", me.get("role").asText());
    }

    @Test
    public void healthOpenApiAndConsole() {
        JsonNode health = waitForHttp200("/health", Duration.ofSeconds(60)).json();
        assertEquals("ok", health.get("status").asText());
        assertTrue(get("/openapi.json").json().get("paths").has("/generations"));

        String plugins = executeCommand("aisora:plugins");
        for (String id : new String[] {"builtin", "filesystem", "manual", "rules", "standard", "ffmpeg"}) {
            assertTrue(plugins, plugins.contains(id));
        }
        assertTrue(plugins, plugins.contains("ONLINE"));

        Journey cy = Journey.signUp(this, "cy");
        assertTrue(executeCommand("aisora:credits-grant " + cy.email + " 25").contains("balance 125"));
        assertEquals(125, http("GET", "/credits", null, cy.token).json().get("balance").asLong());
        assertTrue(executeCommand("aisora:user-role " + cy.email + " admin").contains("is now admin"));
        assertTrue(executeCommand("aisora:users").contains(cy.email));
        http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "console", "width", 64, "height", 64), cy.token);
        assertTrue(executeCommand("aisora:jobs").contains("text-to-image"));
    }
}
