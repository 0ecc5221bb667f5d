package org.aisora.payments.stripe.internal;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aisora.api.payment.PaymentException;

/**
 * Calls through stripe-java's {@link StripeClient}, and what their failures mean to the platform: every
 * failure becomes a {@link PaymentException}, {@code processor_unavailable} where a retry may help (no
 * answer, 409, 429, 5xx), {@code processor_error} otherwise. Stripe's error message is not passed on (it
 * may quote customer data); only its machine-readable type, code and param are.
 */
final class StripeCalls {
    static final String UNAVAILABLE = "processor_unavailable";
    static final String ERROR = "processor_error";
    static final String RESOURCE_MISSING = "resource_missing";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,80}");

    /** One call to Stripe. */
    @FunctionalInterface
    interface Call<T> {
        T run(StripeClient client) throws StripeException;
    }

    private final StripeClient client;
    private final String apiVersion;
    private final Runnable keyRefused;

    StripeCalls(StripeSettings settings, Runnable keyRefused) {
        // no retries of our own: the core retries a whole step, and Stripe redelivers a webhook we answer 503
        this.client = StripeClient.builder().setApiKey(settings.secretKey()).setApiBase(settings.apiBase())
                .setConnectTimeout(settings.connectTimeoutMs()).setReadTimeout(settings.requestTimeoutMs())
                .setMaxNetworkRetries(0).build();
        this.apiVersion = settings.apiVersion();
        this.keyRefused = keyRefused;
    }

    /**
     * Options for one call: the idempotency key (Stripe answers a retry with the first call's result) and
     * the configured Stripe-Version, when one is set, in place of the one stripe-java is built for.
     */
    RequestOptions options(String idempotencyKey) {
        RequestOptions.RequestOptionsBuilder options = RequestOptions.builder().setIdempotencyKey(idempotencyKey);
        if (!apiVersion.isEmpty()) {
            RequestOptions.RequestOptionsBuilder.unsafeSetStripeVersionOverride(options, apiVersion);
        }
        return options.build();
    }

    <T> T call(Call<T> call) throws PaymentException {
        try {
            return call.run(client);
        } catch (StripeException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            // stripe-java's JSON reading of an answer it could not map
            throw new PaymentException(ERROR, "Stripe's answer could not be read");
        }
    }

    /**
     * Like {@link #call}, but a 404 is empty: the object does not exist in this account. With
     * {@code onlyResourceMissing}, only Stripe's own {@code resource_missing} counts (a proxy's 404 does not).
     */
    <T> Optional<T> callUnlessMissing(Call<T> call, boolean onlyResourceMissing) throws PaymentException {
        try {
            return Optional.of(call.run(client));
        } catch (StripeException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())
                    && (!onlyResourceMissing || RESOURCE_MISSING.equals(e.getCode()))) {
                return Optional.empty();
            }
            throw failure(e);
        } catch (RuntimeException e) {
            throw new PaymentException(ERROR, "Stripe's answer could not be read");
        }
    }

    private PaymentException failure(StripeException e) {
        if (e instanceof ApiConnectionException) {
            return new PaymentException(UNAVAILABLE, e.getCause() instanceof SocketTimeoutException
                    ? "Stripe did not answer in time" : "Stripe could not be reached");
        }
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        if (e instanceof AuthenticationException || status == 401) {
            keyRefused.run();
            return new PaymentException(ERROR, "Stripe refused the secret key (401)");
        }
        if (e instanceof RateLimitException || status == 429) {
            return new PaymentException(UNAVAILABLE, "Stripe is rate limiting us (429)");
        }
        if (status == 409) {
            return new PaymentException(UNAVAILABLE,
                    "Stripe is still working on a request with this idempotency key (409)");
        }
        if (status >= 500) {
            return new PaymentException(UNAVAILABLE, "Stripe failed (" + status + ")");
        }
        if (e instanceof PermissionException || status == 403) {
            return new PaymentException(ERROR, "Stripe refused the call (403): the key lacks a permission");
        }
        if (status == 0 || status >= 200 && status < 300) {
            return new PaymentException(ERROR, "Stripe's answer is not JSON");
        }
        return new PaymentException(ERROR, "Stripe rejected the request (" + status + detail(e.getStripeError()) + ")");
    }

    /** Stripe's {"error":{"type","code","param"}}: identifiers only, never the message. */
    private static String detail(StripeError error) {
        if (error == null) {
            return ""; // a proxy's HTML page: the status is all there is
        }
        StringBuilder detail = new StringBuilder();
        String[][] fields = {{"type", error.getType()}, {"code", error.getCode()}, {"param", error.getParam()}};
        for (String[] field : fields) {
            if (field[1] != null && TOKEN.matcher(field[1]).matches()) {
                detail.append(detail.length() == 0 ? " " : ", ").append(field[0]).append(' ').append(field[1]);
            }
        }
        return detail.toString();
    }
}
