package org.aisora.webtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The distribution's public API over real HTTP, as a client would call it: JSON in, JSON out, a bearer token. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(Distribution dist) {
        this.base = dist.base + "/api/v1/";
    }

    /** One answer: status, the parsed body (a missing node when empty), and the Retry-After header if any. */
    record Answer(int status, JsonNode body, String retryAfter) {
        String error() {
            return body.path("error").path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer call(String method, String path, String token, String device, Object body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("User-Agent", device == null ? "AccountsOverHttpTest" : device);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), parsed, response.headers().firstValue("Retry-After").orElse(null));
    }

    /** Signs up as an adult accepting the current privacy policy (the account is not verified yet). */
    Answer signUp(String name, String email, String password) throws IOException, InterruptedException {
        String version = get("policies/privacy", null).body().path("version").asText();
        return post("accounts", null, java.util.Map.of("name", name, "email", email, "password", password,
                "birthDate", "1990-05-01", "acceptedPolicyVersion", version));
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return call("GET", path, token, null, null);
    }

    Answer post(String path, String token, Object body) throws IOException, InterruptedException {
        return call("POST", path, token, null, body);
    }

    Answer delete(String path, String token) throws IOException, InterruptedException {
        return call("DELETE", path, token, null, null);
    }
}
