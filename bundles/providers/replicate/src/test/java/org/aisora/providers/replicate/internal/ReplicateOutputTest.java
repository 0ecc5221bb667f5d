package org.aisora.providers.replicate.internal;

import org.aisora.providers.support.MediaSniffer;
import org.aisora.providers.support.OutputSpool;
import org.aisora.support.vendorhttp.HostAllowList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.Test;

/** Output URLs are vendor input: where they may point, what is sent there, and what comes back. */
class ReplicateOutputTest extends ReplicateFixture {

    private int predictions;

    /** Each call gets its own prediction id: a FakeVendor route repeats its last reply. */
    private ProviderException pollFails(ReplicateProvider provider, String output) {
        String id = "px" + predictions++;
        vendor.on("GET /v1/predictions/" + id, Reply.json(200, prediction(id, "succeeded", output, "null")));
        return assertThrows(ProviderException.class, () -> provider.poll(id));
    }

    @Test
    void anOutputOnAHostOutsideTheAllowListIsRefusedAndNeverFetched() {
        // 'localhost' reaches the very same fake, so a fetch would show up in its request log
        String elsewhere = vendor.baseUrl().replace("127.0.0.1", "localhost") + "/files/x.png";
        vendor.on("GET /files/x.png", Reply.bytes(200, "image/png", PNG));

        ProviderException e = pollFails(provider(), quoted(elsewhere));

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertFalse(e.retryable());
        assertTrue(vendor.requests("GET /files").isEmpty(), "a refused URL must not be requested");
    }

    @Test
    void oneBadUrlStopsTheWholeOutputBeforeAnyFetch() {
        vendor.on("GET /files/ok.png", Reply.bytes(200, "image/png", PNG));
        String ok = vendor.baseUrl() + "/files/ok.png";
        String bad = "https://evil.example/files/x.png";

        ProviderException e = pollFails(provider(), "[" + quoted(ok) + "," + quoted(bad) + "]");

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertTrue(vendor.requests("GET /files").isEmpty());
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedAndUserinfoTricksDoNotPass() {
        Map<String, Object> s = settings();
        s.put("allow_http_outputs", false);
        vendor.on("GET /files/x.png", Reply.bytes(200, "image/png", PNG));
        assertEquals(ProviderException.INVALID_OUTPUT,
                pollFails(provider(s), quoted(vendor.baseUrl() + "/files/x.png")).code());
        String userinfo = vendor.baseUrl().replace("127.0.0.1", "127.0.0.1@localhost") + "/files/x.png";
        assertEquals(ProviderException.INVALID_OUTPUT, pollFails(provider(), quoted(userinfo)).code());
        assertTrue(vendor.requests("GET /files").isEmpty());
    }

    @Test
    void theDefaultAllowListIsReplicateDeliveryAndItsSubdomainsOnly() {
        HostAllowList defaults = HostAllowList.parse(new String[] {"replicate.delivery", "*.replicate.delivery"},
                new java.util.ArrayList<>());
        assertTrue(defaults.allows("replicate.delivery"));
        assertTrue(defaults.allows("pbxt.Replicate.Delivery"));
        assertFalse(defaults.allows("evilreplicate.delivery"));
        assertFalse(defaults.allows("replicate.delivery.evil.example"));
        assertFalse(defaults.allows("127.0.0.1"));
        assertFalse(defaults.allows(null));
    }

    @Test
    void theApiTokenIsNotSentToADownloadHostThatIsNotTheApi() throws Exception {
        try (FakeVendor cdn = new FakeVendor()) {
            cdn.on("GET /files/c.png", Reply.bytes(200, "image/png", PNG));
            vendor.on("GET /v1/predictions/pc", Reply.json(200, prediction("pc", "succeeded",
                    quoted(cdn.baseUrl() + "/files/c.png"), "null")));
            vendor.on("GET /files/a.png", Reply.bytes(200, "image/png", PNG));
            vendor.on("GET /v1/predictions/pa", Reply.json(200, prediction("pa", "succeeded",
                    quoted(vendor.baseUrl() + "/files/a.png"), "null")));
            ReplicateProvider provider = provider();

            assertArrayEquals(PNG, bytes(provider.poll("pc"), 0));
            provider.poll("pa");

            assertNull(cdn.requests("GET /files/c.png").get(0).header("Authorization"));
            assertEquals("Bearer " + KEY, vendor.requests("GET /files/a.png").get(0).header("Authorization"));
        }
    }

    @Test
    void aRedirectIsRefusedNotFollowed() {
        vendor.on("GET /files/r.png", Reply.bytes(302, "text/plain", new byte[0])
                .withHeader("Location", vendor.baseUrl() + "/files/real.png"));
        vendor.on("GET /files/real.png", Reply.bytes(200, "image/png", PNG));

        ProviderException e = pollFails(provider(), quoted(vendor.baseUrl() + "/files/r.png"));

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertTrue(vendor.requests("GET /files/real.png").isEmpty());
    }

    @Test
    void bytesThatAreNotMediaAreRefusedWhateverTheirContentType() {
        vendor.on("GET /files/fake.png", Reply.bytes(200, "image/png", utf8("<html><script>x</script></html>")));
        assertEquals(ProviderException.INVALID_OUTPUT,
                pollFails(provider(), quoted(vendor.baseUrl() + "/files/fake.png")).code());
    }

    @Test
    void anOutputOverTheSizeCapOrTooManyOutputsAreRefused() {
        Map<String, Object> s = settings();
        s.put("max_output_bytes", 64L);
        s.put("max_outputs", 2);
        vendor.on("GET /files/big.png", Reply.bytes(200, "image/png", concat(PNG, new int[100])));
        String big = quoted(vendor.baseUrl() + "/files/big.png");
        assertEquals(OutputSpool.OUTPUT_TOO_LARGE, pollFails(provider(s), big).code());
        String small = quoted(vendor.baseUrl() + "/files/small.png");
        assertEquals(ProviderException.INVALID_OUTPUT,
                pollFails(provider(s), "[" + small + "," + small + "," + small + "]").code());
        assertEquals(ProviderException.INVALID_OUTPUT, pollFails(provider(s), "[]").code());
        assertEquals(1, vendor.requests("GET /files").size(), "only the first, oversized file was requested");
    }

    @Test
    void aVanishedOutputFileIsInvalidAndAFailingHostIsRetryable() {
        vendor.on("GET /files/gone.png", Reply.json(404, "{}"));
        assertEquals(ProviderException.INVALID_OUTPUT,
                pollFails(provider(), quoted(vendor.baseUrl() + "/files/gone.png")).code());
        vendor.on("GET /files/down.png", Reply.json(503, "{}"));
        ProviderException down = pollFails(provider(), quoted(vendor.baseUrl() + "/files/down.png"));
        assertEquals(ProviderException.UNAVAILABLE, down.code());
        assertTrue(down.retryable());
    }

    @Test
    void everyAcceptedFormatIsRecognisedByItsSignature() {
        assertEquals("image/png", MediaSniffer.contentType(PNG).orElseThrow());
        assertEquals("image/jpeg", MediaSniffer.contentType(concat(new byte[] {(byte) 0xff, (byte) 0xd8,
                (byte) 0xff, (byte) 0xe0}, 0)).orElseThrow());
        assertEquals("image/gif", MediaSniffer.contentType(utf8("GIF89a......")).orElseThrow());
        assertEquals("image/webp", MediaSniffer.contentType(utf8("RIFF\0\0\0\0WEBPVP8 ")).orElseThrow());
        assertEquals("video/mp4", MediaSniffer.contentType(MP4).orElseThrow());
        assertTrue(MediaSniffer.contentType(utf8("\0\0\0\u0014ftypqt  ....")).isEmpty(), "QuickTime is not MP4");
        assertTrue(MediaSniffer.contentType(utf8("RIFF\0\0\0\0WAVEfmt ")).isEmpty());
        assertTrue(MediaSniffer.contentType(new byte[0]).isEmpty());
    }

    @Test
    void aSucceededPredictionWithSeveralOutputsYieldsThemAllInOrder() throws Exception {
        vendor.on("GET /files/0.png", Reply.bytes(200, "image/png", PNG));
        vendor.on("GET /files/1.mp4", Reply.bytes(200, "video/mp4", MP4));
        vendor.on("GET /v1/predictions/pm", Reply.json(200, prediction("pm", "succeeded", "[" + quoted(
                vendor.baseUrl() + "/files/0.png") + "," + quoted(vendor.baseUrl() + "/files/1.mp4") + "]", "null")));

        ProviderTask task = provider().poll("pm");

        assertEquals(2, task.outputs().size());
        assertEquals("image/png", task.outputs().get(0).contentType());
        assertEquals("video/mp4", task.outputs().get(1).contentType());
    }
}
