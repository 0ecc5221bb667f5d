package org.aisora.providers.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VendorHttpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private FakeVendor vendor;
    private VendorHttp http;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
        http = new VendorHttp("acme", vendor.baseUrl() + "/", Duration.ofSeconds(2), Duration.ofMillis(500), 1024,
                CLOCK);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private int paths;

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
        assertEquals(ProviderException.INVALID_REQUEST, failing(Reply.json(400, "{}")).code());
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
        VendorHttp nowhere = new VendorHttp("acme", "http://127.0.0.1:" + closed, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1024, CLOCK);
        ProviderException e = assertThrows(ProviderException.class,
                () -> nowhere.send(nowhere.request("/x").GET().build()));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
    }

    @Test
    void anAnswerOverTheCapIsRefusedAndMalformedJsonIsInvalidOutput() throws Exception {
        assertEquals(ProviderException.INVALID_OUTPUT,
                failing(Reply.bytes(200, "application/octet-stream", new byte[1025])).code());
        vendor.on("GET /y", Reply.json(200, "{\"a\":"));
        VendorResponse r = http.send(http.request("/y").GET().build());
        assertEquals(ProviderException.INVALID_OUTPUT, assertThrows(ProviderException.class, r::json).code());
    }

    @Test
    void redirectsAreNotFollowedSoTheKeyNeverLeavesTheVendor() throws Exception {
        vendor.on("GET /x", Reply.json(302, "{}").withHeader("Location", "http://127.0.0.1:1/steal"));
        ProviderException e = assertThrows(ProviderException.class, () -> http.send(http.request("/x").GET().build()));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertEquals(1, vendor.requests().size());
    }

    @Test
    void retryAfterReadsSecondsAndDatesAndIsCapped() {
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Sun, 29 Nov 2026 10:00:30 GMT", CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parse("Sun, 29 Nov 2026 09:00:00 GMT", CLOCK));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("999999", CLOCK));
        assertEquals(null, RetryAfter.parse("soon", CLOCK));
        assertEquals(null, RetryAfter.parse(null, CLOCK));
    }

    @Test
    void baseUrlMustBeHttpWithoutQuery() {
        assertThrows(IllegalArgumentException.class, () -> VendorHttp.baseUri("file:///etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> VendorHttp.baseUri("https://api.example.com/?k=1"));
        assertEquals("https://api.example.com/v1", VendorHttp.baseUri("https://api.example.com/v1//").toString());
    }

    @Test
    void multipartCarriesFieldsAndFileAndCannotBeInjected() throws Exception {
        vendor.on("POST /m", req -> Reply.bytes(200, "application/octet-stream", req.body()));
        Multipart form = new Multipart().field("prompt", "a cat").file("image\"\r\nX: y", "in.png", "image/png",
                new byte[] {1, 2, 3});
        byte[] echoed = http.send(http.request("/m").header("Content-Type", form.contentType())
                .POST(form.publisher()).build()).body();
        String text = new String(echoed, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("name=\"prompt\"\r\n\r\na cat\r\n"), text);
        assertTrue(text.contains("name=\"image%22%0D%0AX: y\"; filename=\"in.png\"\r\nContent-Type: image/png"), text);
        assertTrue(text.endsWith("--\r\n"));
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(echoed,
                text.indexOf("image/png\r\n\r\n") + 13, text.indexOf("image/png\r\n\r\n") + 16));
    }

    @Test
    void priceTableBySizeByTypeAndPerSecond() {
        PriceTable table = PriceTable.parse(new String[] {"text-to-image:1024x1024=40000", "text-to-image=20000",
                "image-to-video:per-second=50000", "nonsense"});
        assertEquals(1, table.problems().size());
        assertEquals(40000, table.costMicros(new GenerationRequest("j", GenerationType.TEXT_TO_IMAGE, "p", null,
                1024, 1024, 0, 1)));
        assertEquals(20000, table.costMicros(new GenerationRequest("j", GenerationType.TEXT_TO_IMAGE, "p", null,
                512, 512, 0, 1)));
        assertEquals(250000, table.costMicros(new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p", null,
                512, 512, 5, 1)));
        assertEquals(0, table.costMicros(new GenerationRequest("j", GenerationType.UPSCALE, "p", null, 512, 512, 0, 1)));
    }

    @Test
    void aFullGateAnswersAtOnceWithARetryableRateLimit() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate("acme", 1);
        ProviderException inner = assertThrows(ProviderException.class, () -> gate.call(() -> gate.call(() -> 1)));
        assertEquals(ProviderException.RATE_LIMITED, inner.code());
        assertEquals(2, gate.call(() -> 2)); // the permit came back
    }
}
