package org.aisora.providers.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.aisora.api.provider.ProviderException;
import org.aisora.support.vendorhttp.Json;
import org.aisora.support.vendorhttp.VendorHttpException;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * Reading vendor JSON where an unusable answer must be a {@code invalid_provider_output}
 * {@link ProviderException}. Building JSON throws nothing: adapters use {@link Json} for that directly.
 */
public final class ProviderJson {
    private ProviderJson() {
    }

    public static JsonNode parse(byte[] body) throws ProviderException {
        try {
            return Json.parse(body);
        } catch (VendorHttpException e) {
            throw ProviderHttp.translate(e);
        }
    }

    /** The answer's body as JSON. */
    public static JsonNode parse(VendorResponse response) throws ProviderException {
        return parse(response.body());
    }

    /** A required text field; its absence means the vendor's answer does not follow its contract. */
    public static String text(JsonNode node, String field) throws ProviderException {
        try {
            return Json.text(node, field);
        } catch (VendorHttpException e) {
            throw ProviderHttp.translate(e);
        }
    }
}
