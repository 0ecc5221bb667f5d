package org.aisora.providers.runway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.providers.support.ProviderJson;
import org.aisora.support.vendorhttp.Json;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * The calls of Runway's developer API we use: start a task, read it, and DELETE it (which cancels a
 * running task and deletes a finished one). Every call carries the key and the pinned API version; a
 * refused key is remembered so health reports it until the configuration changes.
 */
final class RunwayClient {
    /** Runway task ids are UUIDs; anything else must not reach a URL path. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ProviderHttp http;
    private final String apiKey;
    private final String apiVersion;
    private final AtomicBoolean keyRefused;

    RunwayClient(ProviderHttp http, String apiKey, String apiVersion, AtomicBoolean keyRefused) {
        this.http = http;
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.keyRefused = keyRefused;
    }

    /** POSTs a task and returns the id Runway gave it. */
    String start(String path, ObjectNode body) throws ProviderException {
        HttpRequest request = authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        String id = ProviderJson.text(ProviderJson.parse(call(request)), "id");
        if (!TASK_ID.matcher(id).matches()) {
            throw new ProviderException(ProviderException.INVALID_OUTPUT, "Runway returned a malformed task id", false);
        }
        return id;
    }

    JsonNode task(String taskId) throws ProviderException {
        return ProviderJson.parse(call(authorized(taskPath(taskId)).GET().build()));
    }

    /** Cancels or deletes a task; one that is already gone (404) is what we wanted. */
    void delete(String taskId) throws ProviderException {
        VendorResponse response = http.exchange(authorized(taskPath(taskId)).DELETE().build());
        if (!response.ok() && response.status() != 404) {
            throw failure(response);
        }
    }

    static boolean validTaskId(String taskId) {
        return taskId != null && TASK_ID.matcher(taskId).matches();
    }

    private static String taskPath(String taskId) throws ProviderException {
        if (!validTaskId(taskId)) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "not a Runway task id", false);
        }
        return "/v1/tasks/" + taskId;
    }

    private HttpRequest.Builder authorized(String path) {
        return http.request(path).header("Authorization", "Bearer " + apiKey)
                .header("X-Runway-Version", apiVersion).header("Accept", "application/json");
    }

    private VendorResponse call(HttpRequest request) throws ProviderException {
        VendorResponse response = http.exchange(request);
        if (!response.ok()) {
            throw failure(response);
        }
        return response;
    }

    private ProviderException failure(VendorResponse response) {
        ProviderException e = http.failure(response);
        if (ProviderException.AUTH_FAILED.equals(e.code())) {
            keyRefused.set(true);
        }
        return e;
    }
}
