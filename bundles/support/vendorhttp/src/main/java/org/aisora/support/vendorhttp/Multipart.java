package org.aisora.support.vendorhttp;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body (RFC 7578) built in memory: vendor requests carry at most one input image. */
public final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Multipart() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        boundary = "aisora-" + HexFormat.of().formatHex(random);
    }

    public Multipart field(String name, String value) {
        head(name, null, null);
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n");
        return this;
    }

    public Multipart file(String name, String filename, String contentType, byte[] content) {
        head(name, filename, contentType);
        write(content);
        write("\r\n");
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.BodyPublishers.ofByteArray(copy.toByteArray());
    }

    private void head(String name, String filename, String contentType) {
        StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
        if (filename != null) {
            h.append("; filename=\"").append(quoted(filename)).append('"');
        }
        h.append("\r\n");
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        write(h.append("\r\n").toString());
    }

    /** Names are ours, but a quote or line break in one must not be able to start a new header. */
    private static String quoted(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private void write(String s) {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }
}
