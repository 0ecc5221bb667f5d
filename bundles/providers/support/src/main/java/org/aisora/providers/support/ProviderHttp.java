package org.aisora.providers.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.aisora.api.provider.ProviderException;
import org.aisora.support.vendorhttp.VendorHttp;
import org.aisora.support.vendorhttp.VendorHttpException;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * A {@link VendorHttp} endpoint as a generation provider sees it: every failure is a
 * {@link ProviderException} with one of the codes the core routes on, and a 2xx download goes to the
 * provider's {@link OutputSpool}. The translation of {@link VendorHttpException} lives in {@link #translate}.
 */
public final class ProviderHttp {
    private final VendorHttp http;

    public ProviderHttp(String vendor, String baseUrl, Duration connectTimeout, Duration requestTimeout,
                        long maxResponseBytes, Clock clock) {
        this.http = new VendorHttp(vendor, baseUrl, connectTimeout, requestTimeout, maxResponseBytes, clock);
    }

    /** The provider code for each kind of vendor failure; message, retryability and Retry-After carry over. */
    public static ProviderException translate(VendorHttpException e) {
        String code = switch (e.kind()) {
            case AUTH_REFUSED -> ProviderException.AUTH_FAILED;
            case RATE_LIMITED -> ProviderException.RATE_LIMITED;
            case TIMEOUT -> ProviderException.TIMEOUT;
            case UNAVAILABLE -> ProviderException.UNAVAILABLE;
            case REJECTED -> ProviderException.INVALID_REQUEST;
            case INVALID_ANSWER -> ProviderException.INVALID_OUTPUT;
        };
        return new ProviderException(code, e.getMessage(), e.retryable(), e.retryAfter().orElse(null));
    }

    public String vendor() {
        return http.vendor();
    }

    /** A request to {@code base + path} with this endpoint's timeout. */
    public HttpRequest.Builder request(String path) {
        return http.request(path);
    }

    /** Sends and maps any non-2xx answer through {@link #failure}. */
    public VendorResponse send(HttpRequest request) throws ProviderException {
        try {
            return http.send(request);
        } catch (VendorHttpException e) {
            throw translate(e);
        }
    }

    /** Sends and returns whatever status came back, for adapters that read vendor-specific statuses first. */
    public VendorResponse exchange(HttpRequest request) throws ProviderException {
        try {
            return http.exchange(request);
        } catch (VendorHttpException e) {
            throw translate(e);
        }
    }

    /**
     * Sends and streams a 2xx body into a spool file, never into the heap, stopping at {@code maxBytes}
     * (a declared Content-Length over it is refused before a byte is read). Any other status keeps at
     * most {@link VendorHttp#ERROR_BODY_BYTES} of its body, for error mapping.
     *
     * @throws ProviderException {@link OutputSpool#OUTPUT_TOO_LARGE} over the cap, else as {@link #exchange}
     */
    public VendorDownload download(HttpRequest request, OutputSpool spool, long maxBytes) throws ProviderException {
        try {
            HttpResponse<InputStream> response = http.open(request);
            int status = response.statusCode();
            try (InputStream in = response.body()) {
                if (status < 200 || status >= 300) {
                    byte[] body = in.readNBytes((int) Math.min(VendorHttp.ERROR_BODY_BYTES, http.maxResponseBytes()));
                    return new VendorDownload(new VendorResponse(status, response.headers(), body), null);
                }
                if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                    throw OutputSpool.tooLarge(vendor(), maxBytes);
                }
                SpooledOutput file = spool.copy(vendor(), in, maxBytes);
                return new VendorDownload(new VendorResponse(status, response.headers(), new byte[0]), file);
            } catch (IOException e) {
                throw http.broken(e);
            }
        } catch (VendorHttpException e) {
            throw translate(e);
        }
    }

    /**
     * The generic meaning of an HTTP failure; adapters check their vendor's own signals (a content-policy
     * code in the body) before falling back to this.
     */
    public ProviderException failure(VendorResponse response) {
        return translate(http.failure(response));
    }
}
