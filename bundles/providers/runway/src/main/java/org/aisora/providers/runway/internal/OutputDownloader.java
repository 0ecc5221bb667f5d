package org.aisora.providers.runway.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.ProviderHttp;
import org.aisora.providers.support.SpooledOutput;
import org.aisora.providers.support.VendorDownload;
import org.aisora.support.vendorhttp.HostAllowList;

/**
 * Copies a finished task's video from Runway's CDN while its signed URL is still valid (it expires within
 * a day or two). The URL is vendor input: only https on an allowed host is fetched, without our API key,
 * without following redirects, within a size cap, and the bytes must start like an MP4 file.
 */
final class OutputDownloader {
    private static final int MAX_URL_LENGTH = 4096;

    private final ProviderHttp cdn;
    private final OutputSpool spool;
    private final long maxBytes;
    private final HostAllowList hosts;
    private final boolean allowHttp;
    private final Duration timeout;

    OutputDownloader(ProviderHttp cdn, OutputSpool spool, long maxBytes, HostAllowList hosts, boolean allowHttp,
                     Duration timeout) {
        this.cdn = cdn;
        this.spool = spool;
        this.maxBytes = maxBytes;
        this.hosts = hosts;
        this.allowHttp = allowHttp;
        this.timeout = timeout;
    }

    /** Streams the video to the spool; the file is deleted here unless it is returned. */
    GeneratedOutput fetch(String url) throws ProviderException {
        URI uri = checked(url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "video/mp4").GET().build();
        VendorDownload download = cdn.download(request, spool, maxBytes);
        int status = download.status();
        if (status == 429 || status >= 500) {
            throw new ProviderException(ProviderException.UNAVAILABLE,
                    "Runway's CDN failed to serve the output (" + status + ")", true);
        }
        if (status != 200) {
            if (download.file() != null) {
                download.file().close();
            }
            String why = status / 100 == 3 ? status + ", redirects are not followed" : String.valueOf(status);
            throw new ProviderException(ProviderException.INVALID_OUTPUT,
                    "Runway's CDN did not serve the output (" + why + ")", false);
        }
        SpooledOutput file = download.file();
        boolean mp4;
        try {
            mp4 = isMp4(file.head(12));
        } catch (IOException e) {
            mp4 = false;
        }
        if (!mp4) {
            file.close();
            throw new ProviderException(ProviderException.INVALID_OUTPUT, "Runway's output is not an MP4 file", false);
        }
        return file.typed("video/mp4");
    }

    private URI checked(String url) throws ProviderException {
        URI uri;
        try {
            uri = url == null || url.length() > MAX_URL_LENGTH ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused("an output URL that is not an absolute URL");
        }
        boolean secure = "https".equals(uri.getScheme());
        if (!secure && !(allowHttp && "http".equals(uri.getScheme()))) {
            throw refused("an output URL that is not https");
        }
        if (!hosts.allows(uri.getHost())) {
            // the host is shown (not the signed query) so an operator can extend allowed_output_hosts
            throw refused("an output on host '" + uri.getHost() + "', which is not in allowed_output_hosts");
        }
        return uri;
    }

    /** ISO base media files open with a box whose type is 'ftyp' (ISO/IEC 14496-12 §4.3). */
    static boolean isMp4(byte[] b) {
        if (b.length < 12) {
            return false;
        }
        long size = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p' && (size == 1 || size >= 12);
    }

    private static ProviderException refused(String what) {
        return new ProviderException(ProviderException.INVALID_OUTPUT, "Runway returned " + what, false);
    }
}
