package org.aisora.core.internal.media.upload;

import java.nio.charset.StandardCharsets;

/**
 * Names the format from the bytes alone; the declared type and the file name play no part. Only
 * allowed formats come out; everything else is refused as unsupported, with a hint of what it
 * looked like so the client's message is useful (a playlist, markup, an archive...).
 */
final class FormatSniffer {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private FormatSniffer() {
    }

    static MediaFormat sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, PNG)) {
            return MediaFormat.PNG;
        }
        if (startsWith(head, length, 0, JPEG)) {
            return MediaFormat.JPEG;
        }
        if (startsWith(head, length, 0, ascii("GIF87a")) || startsWith(head, length, 0, ascii("GIF89a"))) {
            return MediaFormat.GIF;
        }
        if (startsWith(head, length, 0, ascii("RIFF")) && startsWith(head, length, 8, ascii("WEBP"))) {
            return MediaFormat.WEBP;
        }
        if (startsWith(head, length, 4, ascii("ftyp"))) {
            return ContainerHeaders.isoBrand(head, length);
        }
        if (startsWith(head, length, 0, EBML)) {
            return ContainerHeaders.ebmlDocType(head, length);
        }
        throw UploadRefusals.unsupported(describe(head, length));
    }

    /** Only for the refusal message: what the refused bytes most likely are. */
    static String describe(byte[] head, int length) {
        String text = new String(head, 0, Math.min(length, 256), StandardCharsets.ISO_8859_1).strip()
                .toLowerCase(java.util.Locale.ROOT);
        if (text.startsWith("#extm3u")) {
            return "an HLS playlist";
        }
        if (text.startsWith("concat:") || text.startsWith("ffconcat") || text.startsWith("file ")) {
            return "an FFmpeg concat list";
        }
        if (text.startsWith("<svg") || text.startsWith("<?xml") || text.contains("<svg")) {
            return "SVG or XML";
        }
        if (text.startsWith("<!doctype") || text.startsWith("<html") || text.startsWith("<")) {
            return "HTML";
        }
        if (text.startsWith("%pdf")) {
            return "PDF";
        }
        if (text.startsWith("pk\u0003\u0004")) {
            return "a ZIP archive";
        }
        if (text.startsWith("bm") || text.startsWith("ii*\u0000") || text.startsWith("mm\u0000*")) {
            return "BMP or TIFF";
        }
        return "this format";
    }

    static boolean startsWith(byte[] head, int length, int at, byte[] magic) {
        if (at + magic.length > length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
