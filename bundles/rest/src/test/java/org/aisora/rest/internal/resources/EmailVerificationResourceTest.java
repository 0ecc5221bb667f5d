package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.EmailVerificationService;
import org.aisora.rest.internal.app.JsonProvider;
import org.aisora.rest.internal.security.CallerPrincipal;
import org.junit.jupiter.api.Test;

/** POST /me/email/verify and /me/email/resend: the code read strictly, the caller from the token alone. */
class EmailVerificationResourceTest {
    private static final Caller ANN = new Caller("acc-ann", "ann@example.org", "user");

    private final List<Object> calls = new ArrayList<>();
    private final EmailVerificationResource resource = new EmailVerificationResource(new EmailVerificationService() {
        @Override
        public AccountView verify(Caller caller, String code) {
            calls.add(caller);
            calls.add(code);
            return new AccountView(caller.accountId(), "Ann", caller.email(), null, "user", "free", "v1",
                    Instant.parse("2026-01-02T03:04:05Z"), true);
        }

        @Override
        public void resend(Caller caller) {
            calls.add(caller);
            calls.add("resend");
        }

        @Override
        public AccountView verifyByOperator(String email) {
            throw new AssertionError("not over HTTP");
        }
    });

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

    @Test
    void theCodeGoesToTheCoreForTheCallerAndTheAccountShowsItIsVerified() throws Exception {
        AccountView account = resource.verify(as(ANN), json("{\"code\":\"abc\",\"accountId\":\"acc-other\"}"));
        assertEquals(List.of(ANN, "abc"), calls);
        JsonNode body = json(JsonProvider.mapper().writeValueAsString(account));
        assertTrue(body.get("emailVerified").booleanValue());
    }

    @Test
    void aMissingOrMistypedCodeIsRefusedBeforeTheCore() {
        assertEquals("missing_body", assertThrows(AisoraException.class, () -> resource.verify(as(ANN), null)).code());
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> resource.verify(as(ANN), json("{\"code\":5}"))).code());
        assertEquals("invalid_code", assertThrows(AisoraException.class,
                () -> resource.verify(as(ANN), json("{}"))).code());
        assertEquals(401, assertThrows(AisoraException.class,
                () -> resource.verify(as(null), json("{\"code\":\"abc\"}"))).kind().status());
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void aNewCodeIsAcceptedForTheSignedInCallerOnly() {
        assertEquals(202, resource.resend(as(ANN)).getStatus());
        assertEquals(List.of(ANN, "resend"), calls);
        calls.clear();
        assertEquals(401, assertThrows(AisoraException.class, () -> resource.resend(as(null))).kind().status());
        assertFalse(calls.contains("resend"));
    }
}
