package org.aisora.support.vendorhttp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A vendor's answer, read whole but never beyond the caller's cap. */
public record VendorResponse(int status, HttpHeaders headers, byte[] body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        String type = header("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The body as JSON; anything else is a vendor answer we cannot use. */
    public JsonNode json() throws VendorHttpException {
        return Json.parse(body);
    }
}
