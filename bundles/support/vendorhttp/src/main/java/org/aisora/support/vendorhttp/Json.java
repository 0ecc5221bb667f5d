package org.aisora.support.vendorhttp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.aisora.support.vendorhttp.VendorHttpException.Kind;

/** JSON to and from vendors. Vendor JSON is hostile input: nesting and sizes are bounded. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxNumberLength(64).maxStringLength(96 * 1024 * 1024).build())
            .build());

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static JsonNode parse(byte[] body) throws VendorHttpException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new VendorHttpException(Kind.INVALID_ANSWER, "the vendor sent an empty body", false);
            }
            return node;
        } catch (IOException e) {
            throw new VendorHttpException(Kind.INVALID_ANSWER, "the vendor sent malformed JSON", false);
        }
    }

    /** A required text field; its absence means the vendor's answer does not follow its contract. */
    public static String text(JsonNode node, String field) throws VendorHttpException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new VendorHttpException(Kind.INVALID_ANSWER, "the vendor's answer has no '" + field + "'",
                    false);
        }
        return value.asText();
    }
}
