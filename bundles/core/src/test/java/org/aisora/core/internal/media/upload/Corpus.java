package org.aisora.core.internal.media.upload;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Builds every test file from code: real encoders where the JDK has one, hand-laid headers otherwise. */
final class Corpus {
    /** Modernizr's 1×1 lossless and lossy WebP probes, real files that browsers decode. */
    static final byte[] WEBP_LOSSLESS_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    static final byte[] WEBP_LOSSY_1X1 = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    private Corpus() {
    }

    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, new Color(x * 7 % 256, y * 11 % 256, (x + y) % 256).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pngSignature() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] name = ascii(type);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data).putInt((int) crc.getValue())
                .array();
    }

    static byte[] ihdr(long width, long height, int depth, int colorType) {
        return ByteBuffer.allocate(13).putInt((int) width).putInt((int) height).put((byte) depth).put((byte) colorType)
                .put(new byte[3]).array();
    }

    /**
     * A real PNG: IHDR declaring width × height RGB, then a genuine zlib stream of all-zero rows
     * (filter byte + 3 bytes a pixel), deflated row by row so only one row is ever in memory.
     * 14,000 × 14,000 (196 MP, 588 MB of pixels) comes out near 600 KB.
     */
    static byte[] zeroPng(int width, int height) throws IOException {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, deflater, 64 * 1024)) {
            byte[] row = new byte[1 + 3 * width];
            for (int y = 0; y < height; y++) {
                out.write(row);
            }
        } finally {
            deflater.end();
        }
        return concat(pngSignature(), pngChunk("IHDR", ihdr(width, height, 8, 2)), pngChunk("IDAT", zlib.toByteArray()),
                pngChunk("IEND", new byte[0]));
    }

    /** SOI, JFIF APP0, SOF0 with the given size, then a scan header: enough header for any reader. */
    static byte[] jpegHeader(int width, int height) {
        return concat(hex("FFD8 FFE0 0010 4A46494600 0101 00 0001 0001 00 00"),
                hex("FFC0 0011 08"), u16(height), u16(width), hex("03 012200 021101 031101"),
                hex("FFDA 000C 03 0100 0211 0311 003F00 00 FFD9"));
    }

    /** GIF89a with a 1×1 logical screen whose first frame is width × height. */
    static byte[] gifFrame(int width, int height) {
        return concat(ascii("GIF89a"), le16(1), le16(1), hex("00 00 00"), hex("2C"), le16(0), le16(0), le16(width),
                le16(height), hex("00 02 02 4C01 00 3B"));
    }

    static byte[] riff(String chunk, byte[] payload) {
        byte[] body = concat(ascii("WEBP"), ascii(chunk), le32(payload.length), payload);
        return concat(ascii("RIFF"), le32(body.length), body);
    }

    static byte[] webpVp8x(int width, int height) {
        return riff("VP8X", concat(hex("00 000000"), le24(width - 1), le24(height - 1)));
    }

    static byte[] webpVp8l(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        return riff("VP8L", concat(hex("2F"), le32(bits), hex("00 00 00 00")));
    }

    static byte[] box(String type, byte[] payload) {
        return concat(ByteBuffer.allocate(4).putInt(8 + payload.length).array(), ascii(type), payload);
    }

    static byte[] ftyp(String major) {
        return box("ftyp", concat(ascii(major), hex("00000200"), ascii("isom"), ascii("mp41")));
    }

    /** ftyp, a moov with an (empty) mvhd, and a little mdat: a well-formed top level. */
    static byte[] mp4(String major) {
        return concat(ftyp(major), box("moov", box("mvhd", new byte[100])), box("mdat", new byte[512]));
    }

    /** An EBML header with the given DocType, then a Segment of unknown size. */
    static byte[] ebml(String docType) {
        byte[] type = ascii(docType);
        byte[] fields = concat(hex("4286 81 01 42F7 81 01 42F2 81 04 42F3 81 08 4282"), new byte[] {(byte) (0x80 | type.length)},
                type, hex("4287 81 04 4285 81 02"));
        return concat(hex("1A45DFA3"), new byte[] {(byte) (0x80 | fields.length)}, fields,
                hex("18538067 01FFFFFFFFFFFFFF EC 80"), new byte[64]);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String spaced) {
        String s = spaced.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    static byte[] le24(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
