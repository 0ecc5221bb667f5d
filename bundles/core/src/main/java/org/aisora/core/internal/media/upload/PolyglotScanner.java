package org.aisora.core.internal.media.upload;

/**
 * Refuses a file that is a valid image or video AND something a browser or FFmpeg would read
 * another way: markup or script (GIF+JS, PNG+HTML, the GIFAR family) or an HLS playlist hidden in
 * media metadata. It scans the whole look-ahead, since sniffers and players look at the start.
 *
 * <p>Tags only count when followed by a delimiter, and all markers are five bytes or longer, so
 * compressed pixel data matches by chance about once in a million 64 KiB heads. XMP metadata starts
 * with {@code <?xpacket} and {@code <x:xmpmeta}, neither of which is a marker here.
 */
final class PolyglotScanner {
    private static final byte[][] TAGS = {ascii("<script"), ascii("<html"), ascii("<svg"), ascii("<!doctype"),
        ascii("<?xml"), ascii("<iframe"), ascii("<body"), ascii("<object"), ascii("<embed"), ascii("<meta")};
    private static final byte[][] PLAYLIST = {ascii("#EXTM3U"), ascii("#EXT-X-")};

    private PolyglotScanner() {
    }

    static void check(MediaFormat format, byte[] head, int length) {
        // "GIF89a/*" opens a JavaScript comment: the classic GIF that is also a script (width 10799)
        if (format == MediaFormat.GIF && length >= 8 && head[6] == '/' && head[7] == '*') {
            throw UploadRefusals.polyglot("a script (GIF header opening a comment)");
        }
        for (int i = 0; i < length; i++) {
            if (head[i] == '<') {
                for (byte[] tag : TAGS) {
                    if (matches(head, length, i, tag, true) && delimited(head, length, i + tag.length)) {
                        throw UploadRefusals.polyglot("markup or script");
                    }
                }
            } else if (head[i] == '#') {
                for (byte[] marker : PLAYLIST) {
                    if (matches(head, length, i, marker, false)) {
                        throw UploadRefusals.polyglot("a media playlist");
                    }
                }
            }
        }
    }

    private static boolean matches(byte[] head, int length, int at, byte[] marker, boolean ignoreCase) {
        if (at + marker.length > length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            int b = head[at + i];
            if (ignoreCase && b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /** A marker cut off by the end of the look-ahead counts: refusing is the safe side. */
    private static boolean delimited(byte[] head, int length, int at) {
        if (at >= length) {
            return true;
        }
        int b = head[at];
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '>' || b == '/';
    }

    private static byte[] ascii(String s) {
        return FormatSniffer.ascii(s);
    }
}
