package org.aisora.core.internal.media.upload;

import static org.aisora.core.internal.media.upload.Corpus.ascii;
import static org.aisora.core.internal.media.upload.Corpus.concat;
import static org.aisora.core.internal.media.upload.Gate.refuse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The acceptance corpus of the issue: each hostile file refused with its own code, reading little. */
class HostileCorpusTest {
    /** 588 MB of pixels take a second or two to deflate; built once for the tests that need it. */
    private static byte[] flood;

    private static synchronized byte[] pixelFlood() throws IOException {
        if (flood == null) {
            flood = Corpus.zeroPng(14_000, 14_000);
        }
        return flood;
    }

    @Test
    void pixelFloodPngIsRefusedFromItsHeaderAlone() throws IOException {
        byte[] flood = pixelFlood();
        assertTrue(flood.length > 400_000 && flood.length < 800_000, "about 600 KB: " + flood.length);
        assertEquals(14_000, declaredWidthPerImageIo(flood), "the fixture is a PNG the JDK itself reads");

        Gate.CountingInputStream body = new Gate.CountingInputStream(new ByteArrayInputStream(flood));
        Gate.CountingSink sink = new Gate.CountingSink();
        var refusal = refuse(body, "image/png", flood.length, Gate.LIMITS, UploadRefusals.PIXEL_LIMIT, 422, sink);

        assertTrue(refusal.getMessage().contains("14000x14000"), refusal.getMessage());
        assertTrue(body.consumed <= UploadInspector.HEAD_BYTES, "read only the look-ahead: " + body.consumed);
        assertEquals(0, sink.count, "nothing of a file refused from its header reaches the spool");
    }

    @Test
    void theSamePixelFloodPassesWhenTheLimitAllowsIt() throws IOException {
        // proves the refusal above is the pixel rule and not a broken fixture
        byte[] flood = pixelFlood();
        UploadInspection ok = new UploadInspector().inspect(new ByteArrayInputStream(flood), "image/png",
                new UploadLimits(1L << 20, 200_000_000L, 20_000, 20_000), java.io.OutputStream.nullOutputStream());
        assertEquals(196_000_000L, (long) ok.width() * ok.height());
    }

    @Test
    void magicBytesContradictingTheDeclaredTypeAreRefused() {
        byte[] png = Corpus.image("png", 4, 4);
        byte[] jpeg = Corpus.image("jpeg", 4, 4);
        refuse(png, "image/jpeg", UploadRefusals.MISMATCH, 415);
        refuse(jpeg, "image/png", UploadRefusals.MISMATCH, 415);
        refuse(png, "video/mp4", UploadRefusals.MISMATCH, 415);
        refuse(Corpus.mp4("isom"), "image/png", UploadRefusals.MISMATCH, 415);
        refuse(Corpus.ebml("webm"), "video/mp4", UploadRefusals.MISMATCH, 415);
        refuse(png, "text/html", UploadRefusals.MISMATCH, 415);
    }

    @Test
    void htmlAndSvgPolyglotsAreRefused() {
        byte[] gifWithScript = concat(Corpus.gifFrame(2, 2), ascii("<script>alert(document.domain)</script>"));
        refuse(gifWithScript, "image/gif", UploadRefusals.POLYGLOT, 422);
        byte[] pngWithSvg = concat(Corpus.image("png", 3, 3), ascii("<SVG onload=alert(1)>"));
        refuse(pngWithSvg, null, UploadRefusals.POLYGLOT, 422);
        byte[] jpegWithDoctype = concat(Corpus.image("jpeg", 3, 3), ascii("<!DOCTYPE html><p>hi"));
        refuse(jpegWithDoctype, "image/jpeg", UploadRefusals.POLYGLOT, 422);
    }

    @Test
    void aGifThatIsAlsoJavaScriptIsRefused() {
        // GIF89a/*<bytes>*/=alert(1);  runs as a script, displays as a 10799-wide GIF
        byte[] gifJs = concat(ascii("GIF89a/*"), Corpus.hex("0A00 00 00 00 21FE 0E"), ascii("*/=alert(1);/*"),
                Corpus.hex("00 2C 0000 0000 0100 0100 00 02 02 4C01 00 3B"));
        refuse(gifJs, "image/gif", UploadRefusals.POLYGLOT, 422);
    }

    @Test
    void aPlaylistHiddenInMediaMetadataIsRefused() {
        byte[] mp4 = concat(Corpus.ftyp("isom"), Corpus.box("udta", ascii("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n")),
                Corpus.box("moov", new byte[8]));
        refuse(mp4, "video/mp4", UploadRefusals.POLYGLOT, 422);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n",
        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n",
        "concat:a.mp4|b.mp4",
        "concat:/etc/passwd|/proc/self/environ",
        "ffconcat version 1.0\nfile 'file:///etc/passwd'\n",
        "just some text",
    })
    void scriptsPlaylistsAndFFmpegInputsAreNotMedia(String text) {
        // however they are declared: the declared type never makes a format acceptable
        refuse(ascii(text), null, UploadRefusals.UNSUPPORTED, 415);
        refuse(ascii(text), "video/mp4", UploadRefusals.UNSUPPORTED, 415);
        refuse(ascii(text), "application/vnd.apple.mpegurl", UploadRefusals.UNSUPPORTED, 415);
    }

    @Test
    void otherBinaryFormatsAreNotInTheAllowList() {
        refuse(Corpus.image("bmp", 4, 4), "image/bmp", UploadRefusals.UNSUPPORTED, 415);
        refuse(Corpus.image("tiff", 4, 4), "image/tiff", UploadRefusals.UNSUPPORTED, 415);
        refuse(concat(ascii("%PDF-1.7\n"), new byte[64]), null, UploadRefusals.UNSUPPORTED, 415);
        refuse(concat(Corpus.hex("504B0304 1400"), new byte[64]), null, UploadRefusals.UNSUPPORTED, 415);
        refuse(Corpus.ebml("matroska"), "video/x-matroska", UploadRefusals.UNSUPPORTED, 415);
        refuse(Corpus.mp4("M4A "), "audio/mp4", UploadRefusals.UNSUPPORTED, 415);
        refuse(Corpus.mp4("heic"), "image/heic", UploadRefusals.UNSUPPORTED, 415);
        refuse(Corpus.mp4("avif"), null, UploadRefusals.UNSUPPORTED, 415);
        refuse(concat(ascii("RIFF"), Corpus.le32(100), ascii("AVI LIST"), new byte[92]), null,
                UploadRefusals.UNSUPPORTED, 415);
    }

    @Test
    void aTruncatedPngIsMalformed() {
        refuse(Corpus.pngSignature(), "image/png", UploadRefusals.MALFORMED, 422);
        byte[] png = Corpus.image("png", 40, 40);
        refuse(java.util.Arrays.copyOf(png, png.length - 20), "image/png", UploadRefusals.MALFORMED, 422);
    }

    @Test
    void aTruncatedMp4IsMalformed() {
        byte[] mp4 = Corpus.mp4("isom");
        refuse(java.util.Arrays.copyOf(mp4, mp4.length - 1), "video/mp4", UploadRefusals.MALFORMED, 422);
        refuse(java.util.Arrays.copyOf(mp4, 20), "video/mp4", UploadRefusals.MALFORMED, 422); // inside ftyp
        // a recording cut before its moov: ftyp and media data only
        refuse(concat(Corpus.ftyp("mp42"), Corpus.box("mdat", new byte[4096])), "video/mp4",
                UploadRefusals.MALFORMED, 422);
    }

    @Test
    void anEmptyBodyIsItsOwnError() {
        refuse(new byte[0], "image/png", UploadRefusals.EMPTY, 400);
    }

    private static int declaredWidthPerImageIo(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0); // header only, no decoding
            } finally {
                reader.dispose();
            }
        }
    }
}
