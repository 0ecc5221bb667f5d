package org.aisora.webtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account journeys of issue 16 over real HTTP in the built distribution, with the SMTP notifier mailing to
 * GreenMail: sign-up, the mailed verification code and the grant it releases (once); a password reset by the mailed
 * code that ends every old session; and signing out everywhere. Needs no browser.
 */
class AccountsOverHttpTest extends DistributionTest {
    private static final Pattern VERIFICATION = Pattern.compile("Your verification code: (\\S+)");
    private static final Pattern RESET = Pattern.compile("Your reset code: (\\S+)");
    private static final String PASSWORD = "a long password for http tests";
    /** The test distribution's sign-up grant (Distribution writes signup.grant.credits = 50). */
    private static final long GRANT = 50;

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static Api api;

    @BeforeAll
    static void client() {
        api = new Api(dist);
    }

    @Test
    void signUpMailsACodeAndVerifyingItPostsTheGrantOnce() throws Exception {
        String email = "verify-" + System.nanoTime() + "@example.org";
        signUp(email);
        String token = signIn(email, PASSWORD, FIREFOX);

        Api.Answer me = api.get("me", token);
        assertEquals(200, me.status(), me.toString());
        assertFalse(me.body().path("emailVerified").asBoolean(true), me.toString());
        assertEquals(0, balance(token), "no grant before verification");
        Api.Answer refused = api.post("generations", token, Map.of("type", "text-to-image", "prompt", "a fox",
                "width", 64, "height", 64));
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("email_unverified", refused.error());

        Api.Answer wrong = api.post("me/email/verify", token, Map.of("code", "WRONG-CODE"));
        assertEquals(400, wrong.status(), wrong.toString());
        assertEquals("invalid_code", wrong.error());
        assertEquals(0, balance(token));

        String code = platform.mailed(email, VERIFICATION, 0);
        Api.Answer verified = api.post("me/email/verify", token, Map.of("code", code));
        assertEquals(200, verified.status(), verified.toString());
        assertTrue(verified.body().path("emailVerified").asBoolean(), verified.toString());
        assertTrue(api.get("me", token).body().path("emailVerified").asBoolean(), "verified");
        assertEquals(GRANT, balance(token), "the sign-up grant, at verification");

        Api.Answer again = api.post("me/email/verify", token, Map.of("code", code));
        assertEquals(409, again.status(), again.toString());
        assertEquals("already_verified", again.error());
        assertEquals(GRANT, balance(token), "granted once: " + again);
        Api.Answer accepted = api.post("generations", token, Map.of("type", "text-to-image", "prompt", "a fox",
                "width", 64, "height", 64));
        assertEquals(202, accepted.status(), accepted.toString());
    }

    @Test
    void aResetByTheMailedCodeSetsTheNewPasswordAndEndsEveryOldSession() throws Exception {
        String email = "reset-" + System.nanoTime() + "@example.org";
        signUp(email);
        String laptop = signIn(email, PASSWORD, FIREFOX);
        String phone = signIn(email, PASSWORD, IPHONE);

        // the same answer whether the address exists or not
        Api.Answer known = api.post("password-reset", null, Map.of("email", email));
        Api.Answer unknown = api.post("password-reset", null, Map.of("email", "nobody-" + System.nanoTime()
                + "@example.org"));
        assertEquals(202, known.status(), known.toString());
        assertEquals(known.toString(), unknown.toString());

        String code = platform.mailed(email, RESET, 0);
        String newPassword = "a brand new long password";
        Api.Answer guessed = api.post("password-reset/confirm", null, Map.of("email", email, "code", "NOT-THE-CODE",
                "newPassword", newPassword));
        assertEquals(400, guessed.status(), guessed.toString());
        assertEquals("invalid_code", guessed.error());
        assertEquals(200, api.get("me", laptop).status(), "a wrong code changes nothing");

        Api.Answer reset = api.post("password-reset/confirm", null, Map.of("email", email, "code", code,
                "newPassword", newPassword));
        assertEquals(204, reset.status(), reset.toString());
        assertEquals(401, api.get("me", laptop).status(), "the laptop's session ended");
        assertEquals(401, api.get("me", phone).status(), "the phone's session ended");
        assertEquals(401, api.post("sessions", null, Map.of("email", email, "password", PASSWORD)).status(),
                "the old password no longer signs in");
        String fresh = signIn(email, newPassword, FIREFOX);
        assertEquals(200, api.get("me", fresh).status());

        Api.Answer reused = api.post("password-reset/confirm", null, Map.of("email", email, "code", code,
                "newPassword", "yet another long password"));
        assertEquals(400, reused.status(), "single use: " + reused);
        assertEquals(200, api.get("me", fresh).status(), "a refused reuse ends nothing");
    }

    @Test
    void signingOutEverywhereEndsEverySessionListedAndKeepsApiTokens() throws Exception {
        String email = "everywhere-" + System.nanoTime() + "@example.org";
        signUp(email);
        String laptop = signIn(email, PASSWORD, FIREFOX);
        String phone = signIn(email, PASSWORD, IPHONE);

        Api.Answer listed = api.get("me/sessions", laptop);
        assertEquals(200, listed.status(), listed.toString());
        List<String> devices = new ArrayList<>();
        for (JsonNode s : listed.body()) {
            devices.add(s.path("device").asText());
            assertNotNull(s.get("createdAt"), s.toString());
            assertNotNull(s.get("lastUsedAt"), s.toString());
        }
        assertEquals(2, devices.size(), listed.toString());
        assertTrue(devices.contains("Firefox on Linux") && devices.contains("Safari on iOS"), devices.toString());

        Api.Answer noPassword = api.post("tokens", laptop, Map.of("name", "ci", "scopes", List.of("media")));
        assertTrue(noPassword.status() == 401 || noPassword.status() == 403, "re-authentication: " + noPassword);
        Api.Answer minted = api.post("tokens", laptop, Map.of("name", "ci", "scopes", List.of("media"),
                "currentPassword", PASSWORD));
        assertEquals(201, minted.status(), minted.toString());
        String apiToken = minted.body().path("token").asText();
        Api.Answer tokenSignOut = api.delete("sessions/current", apiToken);
        assertEquals(400, tokenSignOut.status(), tokenSignOut.toString());
        assertEquals("not_a_session", tokenSignOut.error());

        Api.Answer everywhere = api.delete("me/sessions", phone);
        assertEquals(200, everywhere.status(), everywhere.toString());
        assertEquals(2, everywhere.body().path("ended").asInt(), everywhere.toString());
        assertEquals(401, api.get("me", laptop).status(), "the laptop's session ended");
        assertEquals(401, api.get("me", phone).status(), "the phone's own session ended");
        assertEquals(200, api.get("media", apiToken).status(), "API tokens are kept (revoked at /tokens)");
    }

    private static void signUp(String email) throws Exception {
        Api.Answer created = api.signUp("Ada", email, PASSWORD);
        assertEquals(201, created.status(), created.toString());
    }

    private static String signIn(String email, String password, String device) throws Exception {
        Api.Answer session = api.call("POST", "sessions", null, device, Map.of("email", email, "password", password));
        assertEquals(201, session.status(), session.toString());
        return session.body().path("token").asText();
    }

    private static long balance(String token) throws Exception {
        Api.Answer credits = api.get("credits", token);
        assertEquals(200, credits.status(), credits.toString());
        return credits.body().path("balance").asLong();
    }
}
