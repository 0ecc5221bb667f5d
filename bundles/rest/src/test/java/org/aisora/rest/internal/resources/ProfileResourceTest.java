package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AccountOverview;
import org.aisora.api.service.Caller;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileChange;
import org.aisora.api.service.ProfileService;
import org.aisora.api.service.ProfileView;
import org.aisora.api.service.ThirdPartyView;
import org.aisora.rest.internal.app.JsonProvider;
import org.aisora.rest.internal.security.CallerPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The /me resource: bodies read strictly, only name/email/contact taken, the caller from the token alone. */
class ProfileResourceTest {
    private static final Caller ANN = new Caller("acc-ann", "ann@example.org", "user");
    private static final ProfileView PROFILE = new ProfileView("acc-ann", "Ann", "ann@example.org", null, "user", "free",
            Instant.parse("2026-01-02T03:04:05Z"), new Preferences(true, false, true), "2026-11-01", "new@example.org",
            new org.aisora.api.service.RetentionView("standard", "free", java.util.Map.of("original_upload", 168L)),
            List.of(new ThirdPartyView("moderation", "OpenAI", "content moderation of prompts and images",
                    List.of("prompts", "generated images"), "30 days", Instant.parse("2026-01-03T00:00:00Z"),
                    Instant.parse("2026-01-04T05:06:07Z"))));

    private final List<Object> calls = new ArrayList<>();
    private final ProfileResource resource = new ProfileResource(new RecordingProfiles());

    private static SecurityContext as(Caller caller) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller == null ? null : new CallerPrincipal(caller);
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    private static JsonNode json(String text) throws Exception {
        return JsonProvider.mapper().readTree(text);
    }

    private void refused(String code, Executable call) {
        AisoraException e = assertThrows(AisoraException.class, call);
        assertEquals(code, e.code());
        assertEquals(400, e.kind().status());
        assertTrue(calls.isEmpty(), "the core was not called: " + calls);
    }

    @Test
    void theProfileIsWrittenWithTheDocumentedFields() throws Exception {
        ProfileView me = resource.me(as(ANN));
        assertSame(PROFILE, me);
        assertEquals(List.of(ANN), calls);
        JsonNode body = json(JsonProvider.mapper().writeValueAsString(me));
        assertEquals(new TreeSet<>(Set.of("id", "name", "email", "contact", "role", "plan", "createdAt", "preferences",
                "acceptedPolicyVersion", "pendingEmail", "retention", "thirdParties", "emailVerified")), fields(body));
        assertEquals(168, body.get("retention").get("hours").get("original_upload").asLong());
        assertEquals("standard", body.get("retention").get("policy").asText());
        JsonNode thirdParty = body.get("thirdParties").get(0);
        assertEquals(new TreeSet<>(Set.of("family", "vendor", "purpose", "dataCategories", "statedRetention", "firstAt",
                "lastAt")), fields(thirdParty));
        assertEquals("OpenAI", thirdParty.get("vendor").asText());
        assertEquals("[\"prompts\",\"generated images\"]", thirdParty.get("dataCategories").toString());
        assertEquals("2026-01-04T05:06:07Z", thirdParty.get("lastAt").asText());
        assertEquals("2026-01-02T03:04:05Z", body.get("createdAt").asText());
        assertEquals("new@example.org", body.get("pendingEmail").asText());
        assertEquals(new TreeSet<>(Set.of(ProfileBodies.PREFERENCES)), fields(body.get("preferences")));
        assertTrue(body.get("preferences").get("analyticsOptOut").booleanValue());
        assertEquals(401, assertThrows(AisoraException.class, () -> resource.me(as(null))).kind().status());
    }

    @Test
    void aCorrectionTakesNameEmailAndContactOnlyAndTheCallerFromTheToken() throws Exception {
        resource.correct(as(ANN), json("{\"name\":\"Ann B\",\"role\":\"admin\",\"plan\":\"pro\",\"credits\":1000000,"
                + "\"balance\":5,\"id\":\"acc-other\",\"email\":\"ann.b@example.org\",\"contact\":null}"), null, null);
        assertEquals(List.of(ANN, new ProfileChange("Ann B", "ann.b@example.org", null)), calls);
        calls.clear();
        resource.correct(as(ANN), json("{\"contact\":\"\"}"), null, null);
        assertEquals(List.of(ANN, new ProfileChange(null, null, "")), calls);
        calls.clear();
        resource.correct(as(ANN), json("{\"email\":\"ann.c@example.org\",\"currentPassword\":\"pw\"}"), null, null);
        assertEquals(List.of(ANN, new ProfileChange(null, "ann.c@example.org", null, "pw")), calls);
        calls.clear();
        refused("invalid_currentPassword", () -> resource.correct(as(ANN), json("{\"currentPassword\":1}"), null, null));
    }

    @Test
    void aCorrectionWithAWrongShapeIsRefusedBeforeTheCore() {
        refused("invalid_name", () -> resource.correct(as(ANN), json("{\"name\":5}"), null, null));
        refused("invalid_email", () -> resource.correct(as(ANN), json("{\"email\":[\"a@b.org\"]}"), null, null));
        refused("invalid_contact", () -> resource.correct(as(ANN), json("{\"contact\":{\"phone\":\"1\"}}"), null, null));
        refused("invalid_body", () -> resource.correct(as(ANN), json("[\"name\"]"), null, null));
        refused("invalid_body", () -> resource.correct(as(ANN), json("\"Ann\""), null, null));
        refused("missing_body", () -> resource.correct(as(ANN), null, null, null));
        assertEquals(401, assertThrows(AisoraException.class,
                () -> resource.correct(as(null), json("{\"name\":\"x\"}"), null, null)).kind().status());
        assertTrue(calls.isEmpty());
    }

    @Test
    void preferencesNeedAllThreeAsBooleans() throws Exception {
        Preferences stored = resource.setPreferences(as(ANN), json("{\"analyticsOptOut\":true,"
                + "\"processingRestricted\":false,\"marketingEmails\":true,\"role\":\"admin\"}"));
        assertEquals(new Preferences(true, false, true), stored);
        assertEquals(List.of(ANN, new Preferences(true, false, true)), calls);
        calls.clear();
        for (String bad : new String[] {
            "{\"processingRestricted\":true,\"marketingEmails\":false}",
            "{\"analyticsOptOut\":false,\"marketingEmails\":false}",
            "{\"analyticsOptOut\":false,\"processingRestricted\":true}",
            "{\"analyticsOptOut\":\"true\",\"processingRestricted\":true,\"marketingEmails\":false}",
            "{\"analyticsOptOut\":1,\"processingRestricted\":true,\"marketingEmails\":false}",
            "{\"analyticsOptOut\":null,\"processingRestricted\":true,\"marketingEmails\":false}",
            "{}"}) {
            refused("invalid_preferences", () -> resource.setPreferences(as(ANN), json(bad)));
        }
        refused("invalid_body", () -> resource.setPreferences(as(ANN), json("[true,true,true]")));
        refused("missing_body", () -> resource.setPreferences(as(ANN), null));
    }

    @Test
    void aVerificationCodeMustBeAString() throws Exception {
        resource.verifyEmail(as(ANN), json("{\"code\":\"abc\"}"));
        assertEquals(List.of(ANN, "abc"), calls);
        calls.clear();
        refused("invalid_code", () -> resource.verifyEmail(as(ANN), json("{\"code\":12345}")));
        refused("invalid_code", () -> resource.verifyEmail(as(ANN), json("{}")));
        refused("missing_body", () -> resource.verifyEmail(as(ANN), null));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Records who called with what; answers with fixed views. */
    private final class RecordingProfiles implements ProfileService {
        @Override
        public ProfileView profile(Caller caller) {
            calls.add(caller);
            return PROFILE;
        }

        @Override
        public ProfileView correct(Caller caller, ProfileChange change) {
            calls.add(caller);
            calls.add(change);
            return PROFILE;
        }

        @Override
        public ProfileView verifyEmail(Caller caller, String code) {
            calls.add(caller);
            calls.add(code);
            return PROFILE;
        }

        @Override
        public Preferences setPreferences(Caller caller, Preferences preferences) {
            calls.add(caller);
            calls.add(preferences);
            return preferences;
        }

        @Override
        public Preferences preferences(String accountId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccountOverview overview(String email) {
            throw new UnsupportedOperationException();
        }
    }
}
