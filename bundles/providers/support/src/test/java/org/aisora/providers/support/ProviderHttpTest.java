package org.aisora.providers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.aisora.support.vendorhttp.VendorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor HTTP failures as the core routes on them: the codes a provider has always thrown. */
class ProviderHttpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private FakeVendor vendor;
    private ProviderHttp http;
    private int paths;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
        http = new ProviderHttp("acme", vendor.baseUrl() + "/", Duration.ofSeconds(2), Duration.ofMillis(500), 1024,
                CLOCK);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    /** Each scripted failure gets its own path: a route repeats its last reply. */
    private ProviderException failing(Reply reply) {
        String path = "/f" + paths++;
        vendor.on("GET " + path, reply);
        return assertThrows(ProviderException.class, () -> http.send(http.request(path).GET().build()));
    }

    @Test
    void statusesMapToTheCodesTheCoreRoutesOn() {
        assertEquals(ProviderException.AUTH_FAILED, failing(Reply.json(401, "{}")).code());
        assertFalse(failing(Reply.json(403, "{}")).retryable());
        ProviderException limited = failing(Reply.json(429, "{}").withHeader("Retry-After", "7"));
        assertEquals(ProviderException.RATE_LIMITED, limited.code());
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow());
        ProviderException down = failing(Reply.json(503, "{}"));
        assertEquals(ProviderException.UNAVAILABLE, down.code());
        assertTrue(down.retryable());
        assertEquals(ProviderException.TIMEOUT, failing(Reply.json(504, "{}")).code());
        assertEquals(ProviderException.INVALID_REQUEST, failing(Reply.json(400, "{}")).code());
        assertEquals("acme refused the API key (401)", failing(Reply.json(401, "{}")).getMessage());
    }

    @Test
    void aSlowVendorIsATimeoutAndARefusedPortIsUnavailable() throws Exception {
        ProviderException slow = failing(Reply.json(200, "{}").delayed(2000));
        assertEquals(ProviderException.TIMEOUT, slow.code());
        assertTrue(slow.retryable());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProviderHttp nowhere = new ProviderHttp("acme", "http://127.0.0.1:" + closed, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1024, CLOCK);
        ProviderException e = assertThrows(ProviderException.class,
                () -> nowhere.send(nowhere.request("/x").GET().build()));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void anAnswerOverTheCapAndMalformedJsonAreInvalidOutput() throws Exception {
        assertEquals(ProviderException.INVALID_OUTPUT,
                failing(Reply.bytes(200, "application/octet-stream", new byte[1025])).code());
        vendor.on("GET /y", Reply.json(200, "{\"a\":"));
        VendorResponse r = http.send(http.request("/y").GET().build());
        assertEquals(ProviderException.INVALID_OUTPUT,
                assertThrows(ProviderException.class, () -> ProviderJson.parse(r)).code());
        vendor.on("GET /z", Reply.json(200, "{\"id\":7}"));
        VendorResponse z = http.send(http.request("/z").GET().build());
        ProviderException noId = assertThrows(ProviderException.class,
                () -> ProviderJson.text(ProviderJson.parse(z), "id"));
        assertEquals(ProviderException.INVALID_OUTPUT, noId.code());
        assertFalse(noId.retryable());
    }

    @Test
    void redirectsAreNotFollowedSoTheKeyNeverLeavesTheVendor() {
        vendor.on("GET /x", Reply.json(302, "{}").withHeader("Location", "http://127.0.0.1:1/steal"));
        ProviderException e = assertThrows(ProviderException.class, () -> http.send(http.request("/x").GET().build()));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertEquals(1, vendor.requests().size());
    }

    @Test
    void aDownloadGoesToTheSpoolAndAnErrorKeepsItsBodyForMapping(@TempDir Path dir) throws Exception {
        OutputSpool spool = new OutputSpool(dir);
        vendor.on("GET /ok", Reply.bytes(200, "image/png", new byte[600]));
        vendor.on("GET /big", Reply.bytes(200, "image/png", new byte[2000]));
        vendor.on("GET /no", Reply.json(451, "{\"name\":\"content_moderation\"}"));

        VendorDownload ok = http.download(http.request("/ok").GET().build(), spool, 1000);
        assertTrue(ok.ok());
        assertEquals(600, Files.size(ok.file().file()));
        ok.file().close();
        ProviderException big = assertThrows(ProviderException.class,
                () -> http.download(http.request("/big").GET().build(), spool, 1000));
        assertEquals(OutputSpool.OUTPUT_TOO_LARGE, big.code());
        VendorDownload no = http.download(http.request("/no").GET().build(), spool, 1000);
        assertNull(no.file());
        assertEquals(451, no.status());
        assertEquals("content_moderation", ProviderJson.parse(no.response()).path("name").asText());
        assertEquals(ProviderException.INVALID_REQUEST, http.failure(no.response()).code());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no spool file is left behind");
        }
    }
}
