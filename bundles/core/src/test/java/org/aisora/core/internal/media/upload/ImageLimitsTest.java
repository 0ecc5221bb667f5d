package org.aisora.core.internal.media.upload;

import static org.aisora.core.internal.media.upload.Gate.refuse;

import org.junit.jupiter.api.Test;

/** Every image format is measured from its header, and every way of lying about the size is caught. */
class ImageLimitsTest {

    @Test
    void oversizedHeadersAreRefusedInEveryFormat() {
        refuse(Corpus.jpegHeader(65_000, 65_000), "image/jpeg", UploadRefusals.PIXEL_LIMIT, 422);
        refuse(Corpus.webpVp8x(16_000_000, 16_000_000), "image/webp", UploadRefusals.PIXEL_LIMIT, 422);
        refuse(Corpus.webpVp8l(16_384, 16_384), "image/webp", UploadRefusals.PIXEL_LIMIT, 422);
        byte[] png = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IHDR", Corpus.ihdr(Integer.MAX_VALUE,
                Integer.MAX_VALUE, 8, 6)));
        refuse(png, "image/png", UploadRefusals.PIXEL_LIMIT, 422);
    }

    @Test
    void aGifFrameLargerThanItsScreenIsMeasuredByTheFrame() {
        // a 1×1 logical screen hiding a 60000×60000 first frame
        refuse(Corpus.gifFrame(60_000, 60_000), "image/gif", UploadRefusals.PIXEL_LIMIT, 422);
    }

    @Test
    void aLongSideIsRefusedEvenWithinThePixelBudget() {
        refuse(Corpus.jpegHeader(20_000, 1), "image/jpeg", UploadRefusals.PIXEL_LIMIT, 422);
        refuse(Corpus.jpegHeader(1, 20_000), "image/jpeg", UploadRefusals.PIXEL_LIMIT, 422);
    }

    @Test
    void impossibleSizesAreMalformed() {
        refuse(Corpus.jpegHeader(0, 10), "image/jpeg", UploadRefusals.MALFORMED, 422);
        refuse(Corpus.gifFrame(0, 5), "image/gif", UploadRefusals.MALFORMED, 422);
        byte[] zeroWidth = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IHDR", Corpus.ihdr(0, 10, 8, 2)));
        refuse(zeroWidth, "image/png", UploadRefusals.MALFORMED, 422);
    }

    @Test
    void pngHeadersAreCheckedBeforeTheyAreTrusted() {
        byte[] noIhdr = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IDAT", new byte[13]));
        refuse(noIhdr, "image/png", UploadRefusals.MALFORMED, 422);
        byte[] badCrc = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IHDR", Corpus.ihdr(10, 10, 8, 2)));
        badCrc[badCrc.length - 1] ^= 1;
        refuse(badCrc, "image/png", UploadRefusals.MALFORMED, 422);
        byte[] badDepth = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IHDR", Corpus.ihdr(10, 10, 3, 2)));
        refuse(badDepth, "image/png", UploadRefusals.MALFORMED, 422);
        byte[] noImageData = Corpus.concat(Corpus.pngSignature(), Corpus.pngChunk("IHDR", Corpus.ihdr(10, 10, 8, 2)),
                Corpus.pngChunk("IEND", new byte[0]));
        refuse(noImageData, "image/png", UploadRefusals.MALFORMED, 422);
    }

    @Test
    void otherStructuralDamageIsMalformed() {
        refuse(Corpus.hex("FFD8 FFDA 0008 0000 0000 0000 FFD9"), "image/jpeg", UploadRefusals.MALFORMED, 422);
        refuse(Corpus.hex("FFD8 FFE0 0001"), "image/jpeg", UploadRefusals.MALFORMED, 422);
        refuse(Corpus.concat(Corpus.ascii("GIF89a"), Corpus.hex("0100 0100 00 00 00 3B")), null,
                UploadRefusals.MALFORMED, 422);
        refuse(Corpus.riff("ALPH", new byte[16]), "image/webp", UploadRefusals.MALFORMED, 422);
        refuse(Corpus.concat(Corpus.box("ftyp", Corpus.ascii("isom")), new byte[8]), null,
                UploadRefusals.MALFORMED, 422);
        refuse(Corpus.concat(Corpus.ftyp("isom"), Corpus.hex("00000003 6D6F6F76")), null,
                UploadRefusals.MALFORMED, 422);
        byte[] webmCut = java.util.Arrays.copyOf(Corpus.ebml("webm"), 20);
        refuse(webmCut, "video/webm", UploadRefusals.MALFORMED, 422);
    }
}
