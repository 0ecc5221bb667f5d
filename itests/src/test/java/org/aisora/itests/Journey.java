package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One signed-up user of the API, as a test drives it. */
final class Journey {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final AisoraKarafTestSupport test;
    final String email;
    final String token;

    private Journey(AisoraKarafTestSupport test, String email, String token) {
        this.test = test;
        this.email = email;
        this.token = token;
    }

    static String policy(AisoraKarafTestSupport test) {
        return test.waitForHttp200("/policies/privacy", Duration.ofSeconds(60)).json().get("version").asText();
    }

    /**
     * Registers (sending fields it may not set, which must be ignored), signs in, and verifies the address by hand
     * with aisora:user-verify (the distribution has no notifier to mail the code), which posts the sign-up grant.
     */
    static Journey signUp(AisoraKarafTestSupport test, String name) {
        String email = name + "-" + System.nanoTime() + "@example.org";
        AisoraKarafTestSupport.HttpResult created = test.http("POST", "/accounts", Map.of("name", name, "email", email,
                "password", "a long password", "birthDate", "1990-05-01", "acceptedPolicyVersion", policy(test),
                "role", "admin", "credits", 1_000_000), null);
        assertEquals(created.toString(), 201, created.status());
        assertEquals("user", created.json().get("role").asText());
        AisoraKarafTestSupport.HttpResult session = test.http("POST", "/sessions",
                Map.of("email", email, "password", "a long password"), null);
        assertEquals(session.toString(), 201, session.status());
        String token = session.json().get("token").asText();
        if (!test.http("GET", "/me", null, token).json().get("emailVerified").asBoolean(false)) {
            verify(test, email, token); // unless the distribution verifies at sign-up (accounts.verify.email=false)
        }
        return new Journey(test, email, token);
    }

    /** Verifies a new account's address as an operator does; GET /me tells it before and after. */
    static void verify(AisoraKarafTestSupport test, String email, String token) {
        assertEquals(false, test.http("GET", "/me", null, token).json().get("emailVerified").asBoolean(true));
        String printed = test.executeCommand("aisora:user-verify " + email);
        if (!printed.contains(email + " is verified")) {
            fail("aisora:user-verify printed: " + printed);
        }
        assertEquals(true, test.http("GET", "/me", null, token).json().get("emailVerified").asBoolean(false));
    }

    /** The account id, as GET /me tells it. */
    String id(AisoraKarafTestSupport test) {
        return test.http("GET", "/me", null, token).json().get("id").asText();
    }

    /** The status of a GET with this user's token, the body not read as text. */
    int bytesStatus(String path) {
        try {
            return bytes(path, null).status;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    JsonNode awaitTerminal(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode job = test.http("GET", "/generations/" + jobId, null, token).json();
            String status = job.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + jobId + " still " + status);
            }
            AisoraKarafTestSupport.sleep(Duration.ofMillis(100));
        }
    }

    Bytes bytes(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(test.apiBase() + path))
                .header("Authorization", "Bearer " + token).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }
}
