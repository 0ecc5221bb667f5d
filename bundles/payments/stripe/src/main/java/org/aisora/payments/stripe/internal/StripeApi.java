package org.aisora.payments.stripe.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.VendorHttp;
import org.aisora.providers.support.VendorResponse;

/**
 * Stripe's REST API as we use it: form-encoded POSTs and GETs under {@code /v1} with the secret key as a
 * bearer token. Every failure becomes a {@link PaymentException}: {@code processor_unavailable} where a
 * retry may help (no answer, 409, 429, 5xx), {@code processor_error} otherwise. Stripe's error message is
 * not passed on (it may quote customer data); only its machine-readable type, code and param are.
 */
final class StripeApi {
    static final String VENDOR = "Stripe";
    static final String UNAVAILABLE = "processor_unavailable";
    static final String ERROR = "processor_error";
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,80}");

    private final StripeSettings settings;
    private final VendorHttp http;
    private final Runnable keyRefused;

    StripeApi(StripeSettings settings, Clock clock, Runnable keyRefused) {
        this.settings = settings;
        this.keyRefused = keyRefused;
        this.http = new VendorHttp(VENDOR, settings.apiBase(), Duration.ofMillis(settings.connectTimeoutMs()),
                Duration.ofMillis(settings.requestTimeoutMs()), MAX_RESPONSE_BYTES, clock);
    }

    /** A POST; {@code idempotencyKey} makes Stripe answer a retry with the first call's result. */
    JsonNode post(String path, Form form, String idempotencyKey) throws PaymentException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return json(ok(exchange(request.build())));
    }

    /** A GET; a 404 is empty (the object does not exist in this account), not a failure. */
    Optional<JsonNode> get(String path) throws PaymentException {
        VendorResponse response = exchange(request(path).GET().build());
        return response.status() == 404 ? Optional.empty() : Optional.of(json(ok(response)));
    }

    /**
     * A DELETE (cancel a subscription, delete a customer) under an idempotency key; a 404 is empty (the
     * object is gone already), not a failure.
     */
    Optional<JsonNode> delete(String path, String idempotencyKey) throws PaymentException {
        HttpRequest.Builder request = request(path).DELETE();
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        VendorResponse response = exchange(request.build());
        return response.status() == 404 ? Optional.empty() : Optional.of(json(ok(response)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = http.request(path).header("Authorization", "Bearer " + settings.secretKey())
                .header("Accept", "application/json");
        if (!settings.apiVersion().isEmpty()) {
            request.header("Stripe-Version", settings.apiVersion());
        }
        return request;
    }

    private VendorResponse exchange(HttpRequest request) throws PaymentException {
        try {
            return http.exchange(request);
        } catch (ProviderException e) {
            if (ProviderException.INVALID_OUTPUT.equals(e.code())) {
                throw new PaymentException(ERROR, "Stripe's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            throw new PaymentException(UNAVAILABLE, ProviderException.TIMEOUT.equals(e.code())
                    ? "Stripe did not answer in time" : "Stripe could not be reached");
        }
    }

    private VendorResponse ok(VendorResponse response) throws PaymentException {
        int status = response.status();
        if (response.ok()) {
            return response;
        }
        if (status == 401) {
            keyRefused.run();
            throw new PaymentException(ERROR, "Stripe refused the secret key (401)");
        }
        if (status == 429) {
            throw new PaymentException(UNAVAILABLE, "Stripe is rate limiting us (429)");
        }
        if (status == 409) {
            throw new PaymentException(UNAVAILABLE, "Stripe is still working on a request with this idempotency key (409)");
        }
        if (status >= 500) {
            throw new PaymentException(UNAVAILABLE, "Stripe failed (" + status + ")");
        }
        if (status == 403) {
            throw new PaymentException(ERROR, "Stripe refused the call (403): the key lacks a permission");
        }
        throw new PaymentException(ERROR, "Stripe rejected the request (" + status + detail(response) + ")");
    }

    /** Stripe's {"error":{"type","code","param"}}: identifiers only, never the message. */
    private static String detail(VendorResponse response) {
        JsonNode error;
        try {
            error = response.json().path("error");
        } catch (ProviderException e) {
            return ""; // a proxy's HTML page: the status is all there is
        }
        StringBuilder detail = new StringBuilder();
        for (String field : new String[] {"type", "code", "param"}) {
            String value = error.path(field).asText("");
            if (TOKEN.matcher(value).matches()) {
                detail.append(detail.length() == 0 ? " " : ", ").append(field).append(' ')
                        .append(value);
            }
        }
        return detail.toString();
    }

    private static JsonNode json(VendorResponse response) throws PaymentException {
        try {
            return response.json();
        } catch (ProviderException e) {
            throw new PaymentException(ERROR, "Stripe's answer is not JSON");
        }
    }
}
