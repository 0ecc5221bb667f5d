package org.aisora.core.internal.media.upload;

import static org.aisora.core.internal.media.upload.Corpus.concat;
import static org.aisora.core.internal.media.upload.Gate.accept;
import static org.aisora.core.internal.media.upload.Gate.refuse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Genuine files pass with the right size and canonical type, and are copied byte for byte. */
class AcceptedMediaTest {

    @Test
    void imagesFromTheJdkEncodersAreAcceptedWithTheirHeaderSize() throws IOException {
        expect(accept(Corpus.image("png", 37, 23), "image/png"), MediaFormat.PNG, 37, 23);
        expect(accept(Corpus.image("jpeg", 40, 30), "image/jpeg"), MediaFormat.JPEG, 40, 30);
        expect(accept(Corpus.image("gif", 17, 9), "image/gif"), MediaFormat.GIF, 17, 9);
    }

    @Test
    void webpIsReadFromEachOfItsThreeHeaders() throws IOException {
        expect(accept(Corpus.WEBP_LOSSLESS_1X1, "image/webp"), MediaFormat.WEBP, 1, 1);
        expect(accept(Corpus.WEBP_LOSSY_1X1, "image/webp"), MediaFormat.WEBP, 1, 1);
        expect(accept(Corpus.webpVp8l(31, 7), "image/webp"), MediaFormat.WEBP, 31, 7);
        expect(accept(Corpus.webpVp8x(640, 480), "image/webp"), MediaFormat.WEBP, 640, 480);
    }

    @Test
    void videosAreAcceptedByContainerWithoutASize() throws IOException {
        expect(accept(Corpus.mp4("isom"), "video/mp4"), MediaFormat.MP4, 0, 0);
        expect(accept(Corpus.mp4("mp42"), "video/mp4"), MediaFormat.MP4, 0, 0);
        expect(accept(Corpus.mp4("qt  "), "video/quicktime"), MediaFormat.MOV, 0, 0);
        expect(accept(Corpus.ebml("webm"), "video/webm"), MediaFormat.WEBM, 0, 0);
    }

    @Test
    void canonicalTypeAndExtensionComeFromTheContent() throws IOException {
        UploadInspection mov = accept(Corpus.mp4("qt  "), "video/mp4");
        assertEquals("video", mov.kind());
        assertEquals("video/quicktime", mov.contentType());
        assertEquals("mov", mov.extension());
        UploadInspection jpeg = accept(Corpus.image("jpeg", 2, 2), "image/jpg");
        assertEquals("image/jpeg", jpeg.contentType());
        assertEquals("jpg", jpeg.extension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/octet-stream", "*/*", "image/*", "IMAGE/PNG; charset=binary"})
    void aMissingOrGenericDeclaredTypeLeavesTheDecisionToTheContent(String declared) throws IOException {
        expect(accept(Corpus.image("png", 5, 6), declared.isEmpty() ? null : declared), MediaFormat.PNG, 5, 6);
    }

    @Test
    void theWrongKindOfWildcardIsAMismatch() {
        refuse(Corpus.image("png", 5, 6), "video/*", UploadRefusals.MISMATCH, 415);
    }

    @Test
    void aJpegWhoseFrameHeaderLiesPastTheLookAheadIsStillMeasured() throws IOException {
        // cameras write EXIF thumbnails, XMP and ICC profiles before SOF: well over 64 KiB of APPn
        byte[] jpeg = Corpus.image("jpeg", 64, 48);
        byte[] app2 = concat(Corpus.hex("FFE2"), Corpus.u16(60_002), new byte[60_000]);
        byte[] large = concat(java.util.Arrays.copyOf(jpeg, 2), app2, app2, app2,
                java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
        expect(accept(large, "image/jpeg"), MediaFormat.JPEG, 64, 48);
    }

    @Test
    void aBigRealPngStreamsThroughItsChunkWalk() throws IOException {
        byte[] png = Corpus.image("png", 1500, 400);
        expect(accept(png, "image/png"), MediaFormat.PNG, 1500, 400);
    }

    @Test
    void anImageExactlyAtThePixelLimitPasses() throws IOException {
        UploadLimits limits = new UploadLimits(1 << 20, 300, 20, 20);
        byte[] atLimit = Corpus.image("png", 20, 15);
        expect(new UploadInspector().inspect(new java.io.ByteArrayInputStream(atLimit), null, limits,
                java.io.OutputStream.nullOutputStream()), MediaFormat.PNG, 20, 15);
        refuse(new java.io.ByteArrayInputStream(Corpus.image("png", 20, 16)), null, -1, limits,
                UploadRefusals.PIXEL_LIMIT, 422);
    }

    private static void expect(UploadInspection inspection, MediaFormat format, int width, int height) {
        assertEquals(format, inspection.format());
        assertEquals(width, inspection.width(), "width");
        assertEquals(height, inspection.height(), "height");
    }
}
