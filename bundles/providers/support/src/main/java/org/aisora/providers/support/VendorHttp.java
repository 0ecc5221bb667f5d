package org.aisora.providers.support;

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
import org.aisora.api.provider.ProviderException;

/**
 * One vendor's HTTP endpoint: a base URL, timeouts and a cap on what we read back. Every answer is
 * either a {@link VendorResponse} with a 2xx status or a {@link ProviderException} with one of the
 * codes the core routes on. Redirects are not followed (a vendor API never needs them, and following
 * them could leak the key to another host).
 */
public final class VendorHttp {
    private final String vendor;
    private final URI base;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final HttpClient client;
    private final Clock clock;
    /** How much of an error answer's body is kept: enough for the vendor's error JSON. */
    public static final int ERROR_BODY_BYTES = 64 * 1024;

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

    /** A request to {@code base + path} with this endpoint's timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
    }

    /** Sends and maps any non-2xx answer through {@link #failure}. */
    public VendorResponse send(HttpRequest request) throws ProviderException {
        VendorResponse response = exchange(request);
        if (!response.ok()) {
            throw failure(response);
        }
        return response;
    }

    /** Sends and returns whatever status came back, for adapters that read vendor-specific statuses first. */
    public VendorResponse exchange(HttpRequest request) throws ProviderException {
        HttpResponse<InputStream> response = call(request);
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
            if (body.length > maxResponseBytes) {
                throw new ProviderException(ProviderException.INVALID_OUTPUT,
                        vendor + " answered with more than " + maxResponseBytes + " bytes", false);
            }
            return new VendorResponse(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Sends and streams a 2xx body into a spool file, never into the heap, stopping at {@code maxBytes}
     * (a declared Content-Length over it is refused before a byte is read). Any other status keeps at
     * most {@link #ERROR_BODY_BYTES} of its body, for error mapping.
     *
     * @throws ProviderException {@link OutputSpool#OUTPUT_TOO_LARGE} over the cap, else as {@link #exchange}
     */
    public VendorDownload download(HttpRequest request, OutputSpool spool, long maxBytes) throws ProviderException {
        HttpResponse<InputStream> response = call(request);
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status < 200 || status >= 300) {
                byte[] body = in.readNBytes((int) Math.min(ERROR_BODY_BYTES, maxResponseBytes));
                return new VendorDownload(new VendorResponse(status, response.headers(), body), null);
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                throw OutputSpool.tooLarge(vendor, maxBytes);
            }
            SpooledOutput file = spool.copy(vendor, in, maxBytes);
            return new VendorDownload(new VendorResponse(status, response.headers(), new byte[0]), file);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private HttpResponse<InputStream> call(HttpRequest request) throws ProviderException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ProviderException(ProviderException.TIMEOUT, vendor + " did not answer in time", true);
        } catch (ConnectException e) {
            throw new ProviderException(ProviderException.UNAVAILABLE, vendor + " could not be reached", true);
        } catch (IOException e) {
            throw broken(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.UNAVAILABLE, "interrupted while calling " + vendor, false);
        }
    }

    private ProviderException broken(IOException e) {
        return new ProviderException(ProviderException.UNAVAILABLE, vendor + " connection failed: " + e.getMessage(),
                true);
    }

    /**
     * The generic meaning of an HTTP failure; adapters check their vendor's own signals (a content-policy
     * code in the body) before falling back to this. Vendor bodies are not copied into messages: they may
     * echo the prompt.
     */
    public ProviderException failure(VendorResponse response) {
        int status = response.status();
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
        if (status == 401 || status == 403) {
            return new ProviderException(ProviderException.AUTH_FAILED, vendor + " refused the API key (" + status + ")",
                    false);
        }
        if (status == 429) {
            return new ProviderException(ProviderException.RATE_LIMITED, vendor + " is rate limiting us", true,
                    retryAfter);
        }
        if (status == 408 || status == 504) {
            return new ProviderException(ProviderException.TIMEOUT, vendor + " timed out (" + status + ")", true,
                    retryAfter);
        }
        if (status >= 500) {
            return new ProviderException(ProviderException.UNAVAILABLE, vendor + " failed (" + status + ")", true,
                    retryAfter);
        }
        return new ProviderException(ProviderException.INVALID_REQUEST, vendor + " rejected the request (" + status + ")",
                false);
    }
}
