package org.aisora.itests;

import java.net.http.HttpHeaders;

/** A binary HTTP answer. */
final class Bytes {
    final int status;
    final String contentType;
    final byte[] body;
    private final HttpHeaders headers;

    Bytes(int status, String contentType, byte[] body, HttpHeaders headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    String header(String name) {
        return headers.firstValue(name).orElse("");
    }
}
