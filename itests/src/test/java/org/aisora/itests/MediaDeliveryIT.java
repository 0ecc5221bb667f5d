package org.aisora.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.Test;

/** Uploads and delivery over HTTP on the real assembly: Range, ETag, signed URLs, deletion, hostile input. */
public class MediaDeliveryIT extends AisoraKarafTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder at(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiBase() + pathAndQuery));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x ^ y) * 0x010203);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    public void uploadThenServeRangesEtagsAndSignedUrls() throws Exception {
        Journey ann = Journey.signUp(this, "media");
        byte[] original = png(300, 200);
        HttpResponse<byte[]> created = send(at("/media", ann.token).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(original)));
        assertEquals(new String(created.body()), 201, created.statusCode());
        JsonNode item = parseJson(new String(created.body()));
        String id = item.get("id").asText();
        assertEquals("upload", item.get("kind").asText());
        assertEquals(300, item.get("width").asInt());

        HttpResponse<byte[]> whole = send(at("/media/" + id + "/content", ann.token).GET());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(original, whole.body());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));

        HttpResponse<byte[]> part = send(at("/media/" + id + "/content", ann.token).header("Range", "bytes=10-109").GET());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-109/" + original.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(original, 10, 110), part.body());

        HttpResponse<byte[]> beyond = send(at("/media/" + id + "/content", ann.token)
                .header("Range", "bytes=" + original.length + "-").GET());
        assertEquals(416, beyond.statusCode());
        assertEquals("range_not_satisfiable", parseJson(new String(beyond.body())).get("error").get("code").asText());

        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, send(at("/media/" + id + "/content", ann.token).header("If-None-Match", etag).GET()).statusCode());

        JsonNode signed = http("POST", "/media/" + id + "/signed-url?ttl=60", null, ann.token).json();
        String path = signed.get("path").asText();
        assertTrue(path, path.startsWith("/api/v1/media/" + id + "/content?expires="));
        URI signedUri = URI.create(apiBase().resolve("/") + path.substring(1));
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(signedUri).GET());
        assertEquals("a signed URL needs no token", 200, anonymous.statusCode());
        assertArrayEquals(original, anonymous.body());
        HttpResponse<byte[]> tampered = send(HttpRequest.newBuilder(URI.create(signedUri.toString()
                .replaceAll("expires=(\\d+)", "expires=9$1"))).GET());
        assertEquals(403, tampered.statusCode());
        assertEquals("invalid_signature", parseJson(new String(tampered.body())).get("error").get("code").asText());

        JsonNode shortLived = http("POST", "/media/" + id + "/signed-url?ttl=1&variant=thumbnail", null, ann.token).json();
        URI expiring = URI.create(apiBase().resolve("/") + shortLived.get("path").asText().substring(1));
        assertEquals(200, send(HttpRequest.newBuilder(expiring).GET()).statusCode());
        sleep(java.time.Duration.ofMillis(2200));
        HttpResponse<byte[]> expired = send(HttpRequest.newBuilder(expiring).GET());
        assertEquals(403, expired.statusCode());
        assertEquals("signature_expired", parseJson(new String(expired.body())).get("error").get("code").asText());

        assertEquals(200, send(at("/media/" + id + "/thumbnail", ann.token).GET()).statusCode());
        assertEquals(id, http("GET", "/media", null, ann.token).json().get(0).get("id").asText());
        assertEquals(204, http("DELETE", "/media/" + id, null, ann.token).status());
        assertEquals(404, http("GET", "/media/" + id, null, ann.token).status());
        assertEquals(404, send(HttpRequest.newBuilder(signedUri).GET()).statusCode());
    }

    /** The FFmpeg transcoder in the container probes the upload; the rendition follows in the background. */
    @Test
    public void aVideoUploadIsProcessedIntoARendition() throws Exception {
        Journey ann = Journey.signUp(this, "video");
        byte[] video;
        try (java.io.InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            video = in.readAllBytes();
        }
        HttpResponse<byte[]> created = send(at("/media", ann.token).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(video)));
        assertEquals(new String(created.body()), 201, created.statusCode());
        JsonNode item = parseJson(new String(created.body()));
        assertEquals("h264", item.get("codec").asText());
        assertEquals(2.0, item.get("durationSeconds").asDouble(), 0.15);
        String id = item.get("id").asText();
        long deadline = System.nanoTime() + 90_000_000_000L;
        JsonNode now = item;
        while ("processing".equals(now.get("status").asText()) && System.nanoTime() < deadline) {
            sleep(java.time.Duration.ofMillis(250));
            now = http("GET", "/media/" + id, null, ann.token).json();
        }
        assertEquals(now.toString(), "ready", now.get("status").asText());
        String rendition = now.get("renditions").get(0).get("id").asText();
        HttpResponse<byte[]> mp4 = send(at("/media/" + rendition + "/content", ann.token).GET());
        assertEquals(200, mp4.statusCode());
        assertEquals("video/mp4", mp4.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> seek = send(at("/media/" + rendition + "/content", ann.token).header("Range", "bytes=0-15").GET());
        assertEquals(206, seek.statusCode());
        assertEquals(16, seek.body().length);
    }

    @Test
    public void hostileUploadsAreRefusedWithTheirOwnCodes() throws Exception {
        Journey eve = Journey.signUp(this, "hostile");
        HttpResponse<byte[]> svg = send(at("/media", eve.token).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofString("<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>")));
        assertEquals(415, svg.statusCode());
        assertEquals("unsupported_media_type", parseJson(new String(svg.body())).get("error").get("code").asText());
        HttpResponse<byte[]> playlist = send(at("/media", eve.token).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n")));
        assertEquals(415, playlist.statusCode());
        assertEquals(401, send(at("/media", null).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png(8, 8)))).statusCode());
        assertEquals(0, http("GET", "/media", null, eve.token).json().size());
    }

    /** A browser-style form upload streams its "file" part through the same gate; broken framing is a 400. */
    @Test
    public void multipartUploadsAreStoredByteExactAndBrokenFormsRefused() throws Exception {
        Journey ann = Journey.signUp(this, "form");
        byte[] original = png(120, 80);
        String boundary = "----aisora-it-" + System.nanoTime();
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nedit\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        form.writeBytes(original);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpResponse<byte[]> created = send(at("/media", ann.token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));
        assertEquals(new String(created.body()), 201, created.statusCode());
        String id = parseJson(new String(created.body())).get("id").asText();
        assertArrayEquals(original, send(at("/media/" + id + "/content", ann.token).GET()).body());

        byte[] cut = java.util.Arrays.copyOf(form.toByteArray(), form.size() - boundary.length() - 10);
        HttpResponse<byte[]> truncated = send(at("/media", ann.token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(cut)));
        assertEquals(400, truncated.statusCode());
        assertEquals("malformed_multipart", parseJson(new String(truncated.body())).get("error").get("code").asText());
        assertEquals("one stored item: the truncated form left nothing", 1,
                http("GET", "/media", null, ann.token).json().size());
    }

    /** The built-in provider films a clip offline through the installed FFmpeg transcoder; keyframes are moderated. */
    @Test
    public void textToVideoProducesAPlayableClipWithAPoster() throws Exception {
        Journey ann = Journey.signUp(this, "clip");
        HttpResult submitted = http("POST", "/generations", java.util.Map.of("type", "text-to-video",
                "prompt", "a paper boat on a pond", "width", 192, "height", 128, "durationSeconds", 2), ann.token);
        assertEquals(submitted.toString(), 202, submitted.status());
        JsonNode job = ann.awaitTerminal(submitted.json().get("id").asText());
        assertEquals(job.toString(), "succeeded", job.get("status").asText());
        String id = job.get("outputs").get(0).get("id").asText();
        JsonNode video = http("GET", "/media/" + id, null, ann.token).json();
        assertEquals("video/mp4", video.get("contentType").asText());
        assertEquals("h264", video.get("codec").asText());
        assertEquals(2.0, video.get("durationSeconds").asDouble(), 0.15);
        assertTrue(video.toString(), video.hasNonNull("thumbnail") || video.hasNonNull("thumbnailId"));
        HttpResponse<byte[]> mp4 = send(at("/media/" + id + "/content", ann.token).GET());
        assertEquals(200, mp4.statusCode());
        assertEquals("ftyp", new String(mp4.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** In OSGi, ImageIO's registry does not see TwelveMonkeys: the core asks for its WebP reader by name. */
    @Test
    public void aWebpUploadGetsAThumbnailInsideKaraf() throws Exception {
        Journey ann = Journey.signUp(this, "webp");
        byte[] webp;
        try (java.io.InputStream in = getClass().getResourceAsStream("/org/aisora/itests/red_blue_320x200.webp")) {
            webp = in.readAllBytes();
        }
        HttpResponse<byte[]> created = send(at("/media", ann.token).header("Content-Type", "image/webp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(webp)));
        assertEquals(new String(created.body()), 201, created.statusCode());
        JsonNode item = parseJson(new String(created.body()));
        assertTrue(item.toString(), item.hasNonNull("thumbnailId"));
        HttpResponse<byte[]> thumb = send(at("/media/" + item.get("thumbnailId").asText() + "/content", ann.token).GET());
        assertEquals(200, thumb.statusCode());
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertEquals(320.0 / 200.0, (double) image.getWidth() / image.getHeight(), 0.02);
    }
}
