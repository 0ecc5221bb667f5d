package org.aisora.core.internal.devices;

import java.util.Locale;

/**
 * Browser and OS family from a User-Agent header, for device records. Deliberately coarse (no versions):
 * the record says "Firefox on Linux", enough for a user to recognise a device, and nothing that
 * fingerprints. Order matters: most browsers claim to be Safari or Chrome too, so the specific tokens are
 * tested first. Anything not recognised is {@value #OTHER}.
 */
public final class UserAgents {
    public static final String OTHER = "other";
    static final int MAX_LENGTH = 512;

    /** Parsed browser (or client SDK) and OS family. */
    public record Device(String browser, String os) {
    }

    private static final String[][] BROWSERS = {
        {"edg/", "Edge"}, {"edge/", "Edge"}, {"edga/", "Edge"}, {"edgios/", "Edge"},
        {"opr/", "Opera"}, {"opera", "Opera"}, {"samsungbrowser/", "Samsung Internet"},
        {"yabrowser/", "Yandex"}, {"vivaldi/", "Vivaldi"}, {"firefox/", "Firefox"}, {"fxios/", "Firefox"},
        {"crios/", "Chrome"}, {"chromium/", "Chromium"}, {"chrome/", "Chrome"}, {"msie ", "Internet Explorer"},
        {"trident/", "Internet Explorer"}, {"safari/", "Safari"},
        {"curl/", "curl"}, {"wget/", "Wget"}, {"postmanruntime/", "Postman"}, {"insomnia/", "Insomnia"},
        {"python-requests/", "Python requests"}, {"python-httpx/", "Python httpx"}, {"aiohttp/", "Python aiohttp"},
        {"python-urllib/", "Python urllib"}, {"openai/python", "OpenAI Python SDK"}, {"openai/js", "OpenAI JS SDK"},
        {"okhttp/", "OkHttp"}, {"java-http-client/", "Java HttpClient"}, {"java/", "Java"},
        {"apache-httpclient/", "Apache HttpClient"}, {"go-http-client/", "Go"}, {"node-fetch/", "Node.js"},
        {"node/", "Node.js"}, {"undici", "Node.js"}, {"axios/", "axios"}, {"dart/", "Dart"},
        {"httpie/", "HTTPie"}, {"ruby", "Ruby"}, {"karaf-console", "Karaf console"}};

    private static final String[][] SYSTEMS = {
        {"windows phone", "Windows Phone"}, {"windows", "Windows"}, {"iphone", "iOS"}, {"ipad", "iOS"},
        {"ipod", "iOS"}, {"android", "Android"}, {"cros ", "ChromeOS"}, {"mac os x", "macOS"},
        {"macintosh", "macOS"}, {"darwin", "macOS"}, {"linux", "Linux"}, {"freebsd", "FreeBSD"},
        {"openbsd", "OpenBSD"}};

    private UserAgents() {
    }

    public static Device parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Device(OTHER, OTHER);
        }
        String ua = userAgent.substring(0, Math.min(userAgent.length(), MAX_LENGTH)).toLowerCase(Locale.ROOT);
        return new Device(first(ua, BROWSERS), first(ua, SYSTEMS));
    }

    /** "Firefox on Linux", "curl", or null when nothing is recognised (for the session list). */
    public static String summary(String userAgent) {
        Device d = parse(userAgent);
        if (OTHER.equals(d.browser())) {
            return OTHER.equals(d.os()) ? null : d.os();
        }
        return OTHER.equals(d.os()) ? d.browser() : d.browser() + " on " + d.os();
    }

    private static String first(String ua, String[][] table) {
        for (String[] row : table) {
            if (ua.contains(row[0])) {
                return row[1];
            }
        }
        return OTHER;
    }
}
