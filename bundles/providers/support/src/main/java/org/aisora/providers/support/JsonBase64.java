package org.aisora.providers.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.aisora.api.provider.ProviderException;

/**
 * Takes a base64 media field (OpenAI's {@code b64_json}) out of a JSON answer that was spooled to disk,
 * decoding it straight into a second spool file: the field's text is never a String in the heap. The
 * parser walks to the field and Jackson decodes the value in small chunks ({@code readBinaryValue}).
 */
public final class JsonBase64 {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBase64() {
    }

    /**
     * @param json a spooled JSON answer (its own size was capped while it downloaded)
     * @param path field names and array indexes from the root to the base64 string, e.g. "data", 0, "b64_json"
     * @return the decoded bytes in a new spool file, untyped
     */
    public static SpooledOutput extract(SpooledOutput json, OutputSpool spool, String vendor, long maxBytes,
                                        Object... path) throws ProviderException {
        try (JsonParser parser = FACTORY.createParser(json.file().toFile())) {
            parser.nextToken();
            for (Object step : path) {
                if (!(step instanceof String field ? toField(parser, field) : toIndex(parser, (Integer) step))) {
                    throw missing(vendor, path);
                }
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw missing(vendor, path);
            }
            return spool.write(vendor, maxBytes, parser::readBinaryValue);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.INVALID_OUTPUT, vendor + " sent malformed JSON", false);
        }
    }

    /** From an object's start to the value of {@code field}, skipping the values before it. */
    private static boolean toField(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (field.equals(name)) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static boolean toIndex(JsonParser parser, int index) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return false;
        }
        for (int i = 0; i <= index; i++) {
            if (parser.nextToken() == JsonToken.END_ARRAY || parser.currentToken() == null) {
                return false;
            }
            if (i < index) {
                parser.skipChildren();
            }
        }
        return true;
    }

    private static ProviderException missing(String vendor, Object... path) {
        return new ProviderException(ProviderException.INVALID_OUTPUT, vendor + "'s answer has no "
                + path[path.length - 1], false);
    }
}
