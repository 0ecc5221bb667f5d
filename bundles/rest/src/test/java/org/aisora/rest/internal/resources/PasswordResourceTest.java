package org.aisora.rest.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.PasswordService;
import org.aisora.rest.internal.security.CallerPrincipal;
import org.junit.jupiter.api.Test;

/** The password endpoints hand the body to the core as it came, and answer a reset request one way only. */
class PasswordResourceTest {
    private static final Caller ANN = new Caller("acc-ann", "ann@example.org", "user");

    private final List<String> calls = new ArrayList<>();
    private final PasswordResource resource = new PasswordResource(new PasswordService() {
        @Override
        public void change(Caller caller, String currentPassword, String newPassword, boolean keepTokens,
                           String bearerToken, ClientInfo client) {
            calls.add("change " + caller.accountId() + " " + currentPassword + " " + newPassword + " " + keepTokens
                    + " " + bearerToken);
        }

        @Override
        public void requestReset(String email, ClientInfo client) {
            calls.add("reset " + email);
        }

        @Override
        public void confirmReset(String email, String code, String newPassword, ClientInfo client) {
            calls.add("confirm " + email + " " + code + " " + newPassword);
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

    /** Request headers with only an Authorization header. */
    private static HttpHeaders bearer(String token) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> method.getName().equals("getHeaderString")
                        && HttpHeaders.AUTHORIZATION.equals(args[0]) ? (token == null ? null : "bearer " + token) : null);
    }

    @Test
    void aResetRequestIsAnswered202WithOneBodyWhateverTheAddress() {
        Response known = resource.requestReset(new PasswordResource.ResetRequest("ann@example.org"), null, bearer(null));
        Response unknown = resource.requestReset(new PasswordResource.ResetRequest("nobody@example.org"), null,
                bearer(null));
        assertEquals(202, known.getStatus());
        assertEquals(202, unknown.getStatus());
        assertEquals(known.getEntity(), unknown.getEntity());
        assertEquals(List.of("reset ann@example.org", "reset nobody@example.org"), calls);
    }

    @Test
    void aChangeKeepsTheSessionThatAsksAndReadsKeepTokens() {
        assertEquals(204, resource.change(new PasswordResource.PasswordChange("old pass", "new long password", null),
                as(ANN), null, bearer("as_session")).getStatus());
        resource.change(new PasswordResource.PasswordChange("old pass", "new long password", true), as(ANN), null,
                bearer("as_session"));
        assertEquals(List.of("change acc-ann old pass new long password false as_session",
                "change acc-ann old pass new long password true as_session"), calls);
        assertEquals(401, assertThrows(AisoraException.class, () -> resource.change(
                new PasswordResource.PasswordChange("a", "b", false), as(null), null, bearer(null))).kind().status());
    }

    @Test
    void aConfirmationPassesItsFields() {
        assertEquals(204, resource.confirmReset(new PasswordResource.ResetConfirmation("ann@example.org", "c0de",
                "new long password"), null, bearer(null)).getStatus());
        resource.confirmReset(null, null, bearer(null));
        assertEquals(List.of("confirm ann@example.org c0de new long password", "confirm null null null"), calls);
    }
}
