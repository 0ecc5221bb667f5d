package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.Test;

/**
 * Transcoders are plugins: with both installed, the active one is switched at runtime between two
 * uploads (etc/org.aisora.core.plugins.cfg), and each upload is processed by the one active at the time.
 */
public class TranscoderSwapIT extends AisoraKarafTestSupport {

    @Test
    public void switchTheActiveTranscoderBetweenTwoUploads() throws Exception {
        executeCommand("feature:install aisora-transcoder-humble");
        awaitPlugin("humble");
        Journey ann = Journey.signUp(this, "swap");

        JsonNode first = upload(ann);
        assertEquals("ready", awaitProcessed(ann, first.get("id").asText()).get("status").asText());
        assertTrue(executeCommand("aisora:plugins"), active("ffmpeg"));

        executeCommand("config:property-set -p org.aisora.core.plugins transcoder.default humble");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!active("humble")) {
            assertTrue("humble never became the active transcoder", System.nanoTime() < deadline);
            sleep(Duration.ofMillis(200));
        }
        JsonNode second = upload(ann);
        JsonNode done = awaitProcessed(ann, second.get("id").asText());
        assertEquals(done.toString(), "ready", done.get("status").asText());
        assertEquals(240, done.get("renditions").get(0).get("height").asInt());
        assertEquals("the first upload is untouched", "ready",
                http("GET", "/media/" + first.get("id").asText(), null, ann.token).json().get("status").asText());
    }

    /** The transcoder row of aisora:plugins for this id says it is the active one. */
    private boolean active(String id) {
        for (String line : executeCommand("aisora:plugins").split("\\R")) {
            String[] cells = line.split("[│|]");
            if (cells.length >= 5 && cells[0].trim().equals("transcoder") && cells[1].trim().equals(id)) {
                return cells[4].trim().equals("yes");
            }
        }
        return false;
    }

    private JsonNode upload(Journey user) throws Exception {
        byte[] video;
        try (InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            video = in.readAllBytes();
        }
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(apiBase() + "/media")).header("Authorization", "Bearer " + user.token)
                .header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(video)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        return parseJson(created.body());
    }

    private JsonNode awaitProcessed(Journey user, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode item = http("GET", "/media/" + id, null, user.token).json();
        while ("processing".equals(item.get("status").asText()) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            item = http("GET", "/media/" + id, null, user.token).json();
        }
        return item;
    }

    private void awaitPlugin(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!executeCommand("aisora:plugins").contains(id)) {
            assertTrue(id + " never registered", System.nanoTime() < deadline);
            sleep(Duration.ofMillis(250));
        }
    }
}
