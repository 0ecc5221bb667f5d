package org.aisora.core.internal.media.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Tells the video containers apart from their first header, which must lie inside the look-ahead:
 * ISO-BMFF by the major brand of {@code ftyp}, EBML by its DocType. Both headers are tens of bytes,
 * so anything claiming to be larger than {@link #MAX_HEADER} is refused rather than followed.
 */
final class ContainerHeaders {
    static final int MAX_HEADER = 4096;
    /** Major brands of MP4 video. Audio (M4A), HEIF/AVIF stills and 3GPP are left out on purpose. */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
            "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash", "mmp4", "MSNV", "XAVC", "f4v ");
    private static final String QUICKTIME_BRAND = "qt  ";
    private static final long SEGMENT_ID = 0x18538067L;
    private static final long DOCTYPE_ID = 0x4282L;

    private ContainerHeaders() {
    }

    /** Only the major brand counts: compatible brands such as isom are also listed by audio and HEIF files. */
    static MediaFormat isoBrand(byte[] head, int length) {
        try {
            MediaReader r = new MediaReader(new ByteArrayInputStream(head, 0, length));
            long size = r.u32be();
            r.skip(4);
            if (size < 16 || size > MAX_HEADER) {
                throw UploadRefusals.malformed("the ftyp box has an impossible size");
            }
            String major = new String(r.bytes(4), StandardCharsets.ISO_8859_1);
            r.skip(size - 12); // minor version and compatible brands: the whole box must be present
            if (QUICKTIME_BRAND.equals(major)) {
                return MediaFormat.MOV;
            }
            if (MP4_BRANDS.contains(major)) {
                return MediaFormat.MP4;
            }
            throw UploadRefusals.unsupported("this ISO media brand (not MP4 or QuickTime video)");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    /**
     * WebM is the Matroska subset browsers and the transcoder agree on; a full Matroska file (other
     * codecs, attachments, fonts) is refused as a different format. A missing DocType means
     * "matroska" by the EBML specification.
     */
    static MediaFormat ebmlDocType(byte[] head, int length) {
        try {
            MediaReader r = new MediaReader(new ByteArrayInputStream(head, 0, length));
            vint(r, true);
            long size = vint(r, false);
            if (size < 0 || size > MAX_HEADER) {
                throw UploadRefusals.malformed("the EBML header has an impossible size");
            }
            long end = r.position() + size;
            String docType = "matroska";
            while (r.position() < end) {
                long id = vint(r, true);
                long elementSize = vint(r, false);
                if (elementSize < 0 || r.position() + elementSize > end) {
                    throw UploadRefusals.malformed("an EBML header element overruns the header");
                }
                if (id == DOCTYPE_ID) {
                    docType = new String(r.bytes((int) elementSize), StandardCharsets.US_ASCII).replace("\0", "");
                } else {
                    r.skip(elementSize);
                }
            }
            if (vint(r, true) != SEGMENT_ID) {
                throw UploadRefusals.malformed("no Segment follows the EBML header");
            }
            if ("webm".equals(docType)) {
                return MediaFormat.WEBM;
            }
            throw UploadRefusals.unsupported("matroska".equals(docType) ? "Matroska (other than WebM)" : "this EBML document");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An EBML variable-length integer. IDs keep their length marker (that is how they are written in
     * the specification); sizes drop it, and the all-ones "unknown size" comes back as -1.
     */
    private static long vint(MediaReader r, boolean id) throws IOException {
        int first = r.u8();
        if (first == 0) {
            throw UploadRefusals.malformed("an EBML number is longer than 8 bytes");
        }
        int length = Integer.numberOfLeadingZeros(first) - 23;
        long value = id ? first : first & (0xFF >> length);
        boolean allOnes = value == (0xFF >> length);
        for (int i = 1; i < length; i++) {
            int b = r.u8();
            allOnes &= b == 0xFF;
            value = value << 8 | b;
        }
        return !id && allOnes ? -1 : value;
    }
}
