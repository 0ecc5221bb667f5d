package org.aisora.rest.internal.resources;

import com.fasterxml.jackson.databind.JsonNode;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileChange;

/**
 * The /me bodies read field by field from the JSON tree, so a wrong type is a clear 400 (Jackson would turn
 * {@code "yes"} or {@code 1} into a boolean) and a missing preference is not read as false. Fields other
 * than the ones named here ({@code role}, {@code plan}, {@code credits}, {@code id}, ...) are never read.
 */
final class ProfileBodies {
    static final String[] PREFERENCES = {"analyticsOptOut", "processingRestricted", "marketingEmails"};

    private ProfileBodies() {
    }

    /**
     * name, email and contact: each optional (absent or null leaves it), each a string when present; with a new
     * email, currentPassword.
     */
    static ProfileChange change(JsonNode body) {
        JsonNode o = object(body, "a JSON object with name, email or contact is required");
        return new ProfileChange(text(o, "name"), text(o, "email"), text(o, "contact"), text(o, "currentPassword"));
    }

    /** All three preferences, each true or false. */
    static Preferences preferences(JsonNode body) {
        JsonNode o = object(body, "a JSON object with analyticsOptOut, processingRestricted and marketingEmails"
                + " is required");
        return new Preferences(flag(o, PREFERENCES[0]), flag(o, PREFERENCES[1]), flag(o, PREFERENCES[2]));
    }

    static String code(JsonNode body) {
        JsonNode o = object(body, "a JSON object with the code is required");
        JsonNode code = o.get("code");
        if (code == null || !code.isTextual()) {
            throw AisoraException.badRequest("invalid_code", "code is required and must be a string");
        }
        return code.textValue();
    }

    private static JsonNode object(JsonNode body, String expected) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw AisoraException.badRequest("missing_body", expected);
        }
        if (!body.isObject()) {
            throw AisoraException.badRequest("invalid_body", expected);
        }
        return body;
    }

    private static String text(JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AisoraException.badRequest("invalid_" + field, field + " must be a string");
        }
        return value.textValue();
    }

    private static boolean flag(JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || !value.isBoolean()) {
            throw AisoraException.badRequest("invalid_preferences", field + " is required and must be true or false");
        }
        return value.booleanValue();
    }
}
