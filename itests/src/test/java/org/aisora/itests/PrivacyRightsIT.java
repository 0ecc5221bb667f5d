package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.Test;

/**
 * The privacy rights over HTTP in the real distribution: preferences restrict processing, the export
 * downloads as a ZIP with every category and the original upload, an API token works until revoked,
 * and {@code DELETE /me} with the password in its body deletes the account and answers a receipt that
 * anyone can read without a token.
 */
public class PrivacyRightsIT extends AisoraKarafTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    public void restrictExportTokensAndDeleteWithAReceipt() throws Exception {
        Journey ann = Journey.signUp(this, "rights");
        byte[] png = png();
        HttpResponse<String> uploaded = client.send(at("/media", ann.token).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(uploaded.body(), 201, uploaded.statusCode());
        String mediaId = parseJson(uploaded.body()).get("id").asText();

        // restriction: new work refused, access kept
        assertEquals(200, http("PUT", "/me/preferences", Map.of("analyticsOptOut", true, "processingRestricted", true,
                "marketingEmails", false), ann.token).status());
        HttpResult refused = http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a kite",
                "width", 64, "height", 64), ann.token);
        assertEquals(refused.toString(), 403, refused.status());
        assertEquals("processing_restricted", refused.json().get("error").get("code").asText());
        assertEquals(200, http("GET", "/media/" + mediaId, null, ann.token).status());
        JsonNode me = http("GET", "/me", null, ann.token).json();
        assertTrue(me.toString(), me.get("preferences").get("processingRestricted").asBoolean());

        // a named API token authenticates like a session, until revoked
        HttpResult token = http("POST", "/tokens", Map.of("name", "itest", "expiresInDays", 7,
                "currentPassword", "a long password"), ann.token);
        assertEquals(token.toString(), 201, token.status());
        String secret = token.json().get("token").asText();
        assertEquals(200, http("GET", "/me", null, secret).status());
        assertEquals(204, http("DELETE", "/tokens/" + token.json().get("id").asText(), null, ann.token).status());
        assertEquals(401, http("GET", "/me", null, secret).status());

        // the export: a ZIP with every category and the upload byte for byte
        HttpResponse<byte[]> zip = client.send(at("/me/export", ann.token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertTrue(zip.headers().firstValue("Content-Type").orElse(""), zip.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/zip"));
        Map<String, byte[]> entries = unzip(zip.body());
        for (String file : new String[] {"manifest.json", "account.json", "preferences.json", "policy-acceptances.json",
            "credits.json", "payments.json", "generations.json", "media.json", "devices.json", "audit.json"}) {
            assertTrue(file + " in " + entries.keySet(), entries.containsKey(file));
        }
        byte[] original = entries.entrySet().stream().filter(e -> e.getKey().startsWith("media/" + mediaId))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertTrue(java.util.Arrays.equals(png, original));

        // deletion: the wrong password changes nothing, the right one answers a public receipt
        assertEquals(403, http("DELETE", "/me", Map.of("password", "not it"), ann.token).status());
        HttpResult deleted = http("DELETE", "/me", Map.of("password", "a long password"), ann.token);
        assertEquals(deleted.toString(), 202, deleted.status());
        String receiptId = deleted.json().get("receiptId").asText();
        HttpResult receipt = http("GET", "/deletion-receipts/" + receiptId, null, null);
        assertEquals(receipt.toString(), 200, receipt.status());
        assertEquals(1, receipt.json().get("counts").get("account").asInt());
        assertTrue(receipt.toString(), receipt.json().get("counts").get("media").asInt() >= 2);
        assertFalse(receipt.body(), receipt.body().contains(ann.email));
        assertEquals(401, http("GET", "/me", null, ann.token).status());
        assertEquals(401, http("POST", "/sessions", Map.of("email", ann.email, "password", "a long password"), null)
                .status());
        assertEquals(404, http("GET", "/deletion-receipts/nope-" + receiptId, null, null).status());
    }

    /**
     * The current password is asked again before a new token or e-mail; a password change keeps the asking
     * session (and, with keepTokens, the tokens) and ends the others; a reset request answers alike for any address.
     */
    @Test
    public void reauthenticationAndPasswordChange() {
        Journey bea = Journey.signUp(this, "password");
        String other = http("POST", "/sessions", Map.of("email", bea.email, "password", "a long password"), null)
                .json().get("token").asText();
        HttpResult bare = http("POST", "/tokens", Map.of("name", "no password"), bea.token);
        assertEquals(bare.toString(), 403, bare.status());
        assertEquals("reauthentication_required", bare.json().get("error").get("code").asText());
        HttpResult moved = http("PATCH", "/me", Map.of("email", "moved." + bea.email), bea.token);
        assertEquals(moved.toString(), 403, moved.status());
        assertEquals("reauthentication_required", moved.json().get("error").get("code").asText());
        HttpResult wrong = http("POST", "/me/password", Map.of("currentPassword", "not the password",
                "newPassword", "another long password"), bea.token);
        assertEquals(wrong.toString(), 403, wrong.status());
        assertEquals("wrong_password", wrong.json().get("error").get("code").asText());

        HttpResult token = http("POST", "/tokens", Map.of("name", "kept", "currentPassword", "a long password"),
                bea.token);
        assertEquals(token.toString(), 201, token.status());
        HttpResult changed = http("POST", "/me/password", Map.of("currentPassword", "a long password",
                "newPassword", "another long password", "keepTokens", true), bea.token);
        assertEquals(changed.toString(), 204, changed.status());
        assertEquals(200, http("GET", "/me", null, bea.token).status());
        assertEquals(401, http("GET", "/me", null, other).status());
        assertEquals(200, http("GET", "/me", null, token.json().get("token").asText()).status());
        assertEquals(401, http("POST", "/sessions", Map.of("email", bea.email, "password", "a long password"), null)
                .status());
        assertEquals(201, http("POST", "/sessions", Map.of("email", bea.email, "password", "another long password"),
                null).status());

        HttpResult known = http("POST", "/password-reset", Map.of("email", bea.email), null);
        HttpResult unknown = http("POST", "/password-reset", Map.of("email", "nobody." + bea.email), null);
        assertEquals(known.toString(), 202, known.status());
        assertEquals(unknown.toString(), 202, unknown.status());
        assertEquals(known.body(), unknown.body());
    }

    private HttpRequest.Builder at(String path, String token) {
        return HttpRequest.newBuilder(URI.create(apiBase() + path)).header("Authorization", "Bearer " + token);
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] png() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff8800);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
