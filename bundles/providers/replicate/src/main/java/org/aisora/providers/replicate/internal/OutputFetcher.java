package org.aisora.providers.replicate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.MediaSniffer;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.providers.support.SpooledOutput;
import org.aisora.providers.support.VendorDownload;
import org.aisora.support.vendorhttp.HostAllowList;

/**
 * Copies a finished prediction's output files while they still exist (Replicate removes them after an
 * hour). The URLs are vendor input: every one must be https on an allowed host before any is fetched,
 * redirects are refused rather than followed, and the API token goes only to the API's own origin.
 */
final class OutputFetcher {
    private final ProviderHttp downloads;
    private final OutputSpool spool;
    private final long maxBytes;
    private final URI apiBase;
    private final String apiKey;
    private final HostAllowList hosts;
    private final boolean allowHttp;
    private final int maxOutputs;
    private final Duration timeout;

    OutputFetcher(ProviderHttp downloads, OutputSpool spool, long maxBytes, Duration timeout, URI apiBase, String apiKey,
                  HostAllowList hosts, boolean allowHttp, int maxOutputs) {
        this.downloads = downloads;
        this.spool = spool;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.apiBase = apiBase;
        this.apiKey = apiKey;
        this.hosts = hosts;
        this.allowHttp = allowHttp;
        this.maxOutputs = Math.max(1, maxOutputs);
    }

    /** Every file of a prediction's {@code output} (one URL or an array of them), checked, then fetched. */
    List<GeneratedOutput> fetchAll(JsonNode output) throws ProviderException {
        List<URI> urls = new ArrayList<>();
        for (JsonNode item : output.isArray() ? output : List.of(output)) {
            if (!item.isTextual()) {
                throw invalid("an output that is not a file URL");
            }
            urls.add(checked(item.asText()));
        }
        if (urls.isEmpty()) {
            throw invalid("no output files");
        }
        if (urls.size() > maxOutputs) {
            throw invalid("more than " + maxOutputs + " output files");
        }
        List<GeneratedOutput> outputs = new ArrayList<>(urls.size());
        try {
            for (URI url : urls) {
                outputs.add(fetch(url));
            }
            return outputs;
        } catch (ProviderException | RuntimeException e) {
            // the files already fetched are not handed to anyone: they go now, not at the next start
            outputs.forEach(o -> ((SpooledOutput) o).close());
            throw e;
        }
    }

    private URI checked(String text) throws ProviderException {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw invalid("an output URL that does not parse");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || allowHttp && "http".equals(scheme))) {
            throw invalid("an output URL that is not https");
        }
        if (url.getRawUserInfo() != null || !hosts.allows(url.getHost())) {
            // the host is vendor data too: not echoed into the message
            throw invalid("an output URL on a host outside allowed_output_hosts");
        }
        return url;
    }

    /** Streams one file to the spool; the file is deleted here unless it is returned. */
    private GeneratedOutput fetch(URI url) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout);
        if (sameOrigin(url, apiBase)) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        VendorDownload download = downloads.download(request.build(), spool, maxBytes);
        int status = download.status();
        if (status >= 300 && status < 400) {
            throw invalid("a redirect for an output file (not followed)");
        }
        if (status == 429 || status >= 500) {
            throw downloads.failure(download.response());
        }
        if (!download.ok()) {
            throw invalid("status " + status + " for an output file");
        }
        SpooledOutput file = download.file();
        try {
            String type = MediaSniffer.contentType(file.head(16))
                    .orElseThrow(() -> invalid("an output file that is not PNG, JPEG, WebP, GIF or MP4"));
            return file.typed(type);
        } catch (ProviderException | RuntimeException e) {
            file.close();
            throw e;
        } catch (IOException e) {
            file.close();
            throw new ProviderException(ProviderException.UNAVAILABLE, "a spooled output could not be read", true);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static ProviderException invalid(String what) {
        return new ProviderException(ProviderException.INVALID_OUTPUT, "Replicate returned " + what, false);
    }
}
