package org.aisora.support.vendorhttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import org.aisora.support.vendorhttp.VendorHttpException.Kind;

/**
 * One vendor's HTTP endpoint: a base URL, timeouts and a cap on what we read back. Every answer is
 * either a {@link VendorResponse} or a {@link VendorHttpException} saying why there is none. Redirects
 * are not followed (a vendor API never needs them, and following them could leak the key to another
 * host).
 */
public final class VendorHttp {
    /** How much of an error answer's body is kept: enough for the vendor's error JSON. */
    public static final int ERROR_BODY_BYTES = 64 * 1024;

    private final String vendor;
    private final URI base;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final HttpClient client;
    private final Clock clock;

    public VendorHttp(String vendor, String baseUrl, Duration connectTimeout, Duration requestTimeout,
                      long maxResponseBytes, Clock clock) {
        this.vendor = vendor;
        this.base = baseUri(baseUrl);
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Checks a configured base URL: absolute http(s), no query or fragment; a trailing slash is dropped. */
    public static URI baseUri(String baseUrl) {
        URI uri = URI.create(baseUrl == null ? "" : baseUrl.trim().replaceAll("/+$", ""));
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base.url must be an absolute http(s) URL without query: " + baseUrl);
        }
        return uri;
    }

    public String vendor() {
        return vendor;
    }

    /** The most {@link #exchange} reads of a body. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** A request to {@code base + path} with this endpoint's timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
    }

    /** Sends and maps any answer that is not 2xx through {@link #failure}. */
    public VendorResponse send(HttpRequest request) throws VendorHttpException {
        VendorResponse response = exchange(request);
        if (!response.ok()) {
            throw failure(response);
        }
        return response;
    }

    /** Sends and returns whatever status came back, for callers that read vendor-specific statuses first. */
    public VendorResponse exchange(HttpRequest request) throws VendorHttpException {
        HttpResponse<InputStream> response = open(request);
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
            if (body.length > maxResponseBytes) {
                throw new VendorHttpException(Kind.INVALID_ANSWER, response.statusCode(),
                        vendor + " answered with more than " + maxResponseBytes + " bytes", false, null);
            }
            return new VendorResponse(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Sends and hands back the answer with its body unread, for callers that stream it elsewhere (a spool
     * file) under a cap of their own. The caller closes the body; an IOException while reading it is
     * {@link #broken}.
     */
    public HttpResponse<InputStream> open(HttpRequest request) throws VendorHttpException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new VendorHttpException(Kind.TIMEOUT, vendor + " did not answer in time", true);
        } catch (ConnectException e) {
            throw new VendorHttpException(Kind.UNAVAILABLE, vendor + " could not be reached", true);
        } catch (IOException e) {
            throw broken(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorHttpException(Kind.UNAVAILABLE, "interrupted while calling " + vendor, false);
        }
    }

    /** A connection that broke off while a request or an answer was on the wire: worth another try. */
    public VendorHttpException broken(IOException e) {
        return new VendorHttpException(Kind.UNAVAILABLE, vendor + " connection failed: " + e.getMessage(), true);
    }

    /**
     * The generic meaning of an HTTP failure; callers check their vendor's own signals (a content-policy
     * code in the body) before falling back to this. Vendor bodies are not copied into messages: they may
     * echo the prompt.
     */
    public VendorHttpException failure(VendorResponse response) {
        int status = response.status();
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
        if (status == 401 || status == 403) {
            return new VendorHttpException(Kind.AUTH_REFUSED, status, vendor + " refused the API key (" + status + ")",
                    false, null);
        }
        if (status == 429) {
            return new VendorHttpException(Kind.RATE_LIMITED, status, vendor + " is rate limiting us", true, retryAfter);
        }
        if (status == 408 || status == 504) {
            return new VendorHttpException(Kind.TIMEOUT, status, vendor + " timed out (" + status + ")", true,
                    retryAfter);
        }
        if (status >= 500) {
            return new VendorHttpException(Kind.UNAVAILABLE, status, vendor + " failed (" + status + ")", true,
                    retryAfter);
        }
        return new VendorHttpException(Kind.REJECTED, status, vendor + " rejected the request (" + status + ")",
                false, null);
    }
}
