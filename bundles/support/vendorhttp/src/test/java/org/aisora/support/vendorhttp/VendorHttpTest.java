package org.aisora.support.vendorhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.aisora.support.vendorhttp.LoopbackVendor.Reply;
import org.aisora.support.vendorhttp.VendorHttpException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VendorHttpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private LoopbackVendor vendor;
    private VendorHttp http;
    private int paths;

    @BeforeEach
    void start() throws Exception {
        vendor = new LoopbackVendor();
        http = new VendorHttp("acme", vendor.baseUrl() + "/", Duration.ofSeconds(2), Duration.ofMillis(500), 1024,
                CLOCK);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    /** Each scripted failure gets its own path. */
    private VendorHttpException failing(Reply reply) {
        String path = "/f" + paths++;
        vendor.on(path, reply);
        return assertThrows(VendorHttpException.class, () -> http.send(http.request(path).GET().build()));
    }

    @Test
    void statusesMapToKindsWithTheStatusAndTheVendorsWait() {
        VendorHttpException refused = failing(Reply.json(401, "{}"));
        assertEquals(Kind.AUTH_REFUSED, refused.kind());
        assertEquals(401, refused.status());
        assertEquals("auth_refused", refused.code());
        assertFalse(failing(Reply.json(403, "{}")).retryable());
        VendorHttpException limited = failing(Reply.json(429, "{}").withHeader("Retry-After", "7"));
        assertEquals(Kind.RATE_LIMITED, limited.kind());
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow());
        VendorHttpException down = failing(Reply.json(503, "{}").withHeader("Retry-After", "3"));
        assertEquals(Kind.UNAVAILABLE, down.kind());
        assertTrue(down.retryable());
        assertEquals(Duration.ofSeconds(3), down.retryAfter().orElseThrow());
        assertEquals(Kind.TIMEOUT, failing(Reply.json(504, "{}")).kind());
        VendorHttpException rejected = failing(Reply.json(400, "{\"prompt\":\"secret\"}"));
        assertEquals(Kind.REJECTED, rejected.kind());
        assertFalse(rejected.retryable());
        assertFalse(rejected.getMessage().contains("secret"), "vendor bodies may echo the prompt");
    }

    @Test
    void exchangeHandsBackAnErrorStatusForTheCallerToRead() throws Exception {
        vendor.on("/e", Reply.json(422, "{\"code\":\"content_moderated\"}"));
        VendorResponse r = http.exchange(http.request("/e").GET().build());
        assertEquals(422, r.status());
        assertFalse(r.ok());
        assertEquals("application/json", r.contentType());
        assertEquals("content_moderated", r.json().path("code").asText());
    }

    @Test
    void aSlowVendorIsATimeoutAndARefusedPortIsUnavailable() throws Exception {
        VendorHttpException slow = failing(Reply.json(200, "{}").delayed(2000));
        assertEquals(Kind.TIMEOUT, slow.kind());
        assertEquals(0, slow.status());
        assertTrue(slow.retryable());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        VendorHttp nowhere = new VendorHttp("acme", "http://127.0.0.1:" + closed, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1024, CLOCK);
        VendorHttpException e = assertThrows(VendorHttpException.class,
                () -> nowhere.send(nowhere.request("/x").GET().build()));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
    }

    @Test
    void anAnswerOverTheCapAndMalformedJsonAreInvalidAnswers() throws Exception {
        assertEquals(Kind.INVALID_ANSWER,
                failing(new Reply(200, Map.of("Content-Type", "application/octet-stream"), new byte[1025], 0)).kind());
        vendor.on("/y", Reply.json(200, "{\"a\":"));
        VendorResponse r = http.send(http.request("/y").GET().build());
        assertEquals(Kind.INVALID_ANSWER, assertThrows(VendorHttpException.class, r::json).kind());
        VendorHttpException missing = assertThrows(VendorHttpException.class,
                () -> Json.text(Json.parse("{\"id\":\"\"}".getBytes(StandardCharsets.UTF_8)), "id"));
        assertEquals(Kind.INVALID_ANSWER, missing.kind());
        assertFalse(missing.retryable());
    }

    @Test
    void redirectsAreNotFollowedSoTheKeyNeverLeavesTheVendor() {
        vendor.on("/x", Reply.json(302, "{}").withHeader("Location", "http://127.0.0.1:1/steal"));
        VendorHttpException e = assertThrows(VendorHttpException.class,
                () -> http.send(http.request("/x").GET().build()));
        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(302, e.status());
        assertEquals(1, vendor.requests());
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
        vendor.on("/m", body -> new Reply(200, Map.of("Content-Type", "application/octet-stream"), body, 0));
        Multipart form = new Multipart().field("prompt", "a cat").file("image\"\r\nX: y", "in.png", "image/png",
                new byte[] {1, 2, 3});
        byte[] echoed = http.send(http.request("/m").header("Content-Type", form.contentType())
                .POST(form.publisher()).build()).body();
        String text = new String(echoed, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("name=\"prompt\"\r\n\r\na cat\r\n"), text);
        assertTrue(text.contains("name=\"image%22%0D%0AX: y\"; filename=\"in.png\"\r\nContent-Type: image/png"), text);
        assertTrue(text.endsWith("--\r\n"));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOfRange(echoed,
                text.indexOf("image/png\r\n\r\n") + 13, text.indexOf("image/png\r\n\r\n") + 16));
    }
}
