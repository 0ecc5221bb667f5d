package org.aisora.rest.internal.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipartUploadTest {
    static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x * 6 << 16 | y * 8 << 8 | (x ^ y) * 5);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[chunk];
        int n;
        while ((n = in.read(b, 0, chunk)) >= 0) {
            out.write(b, 0, n);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "buffer {0}, network chunks {1}, reads of {2}")
    @CsvSource({"65536, 100000, 8192", "1, 1, 1", "7, 3, 5", "64, 13, 100", "4096, 1, 4096", "3, 65536, 65536"})
    void aPngAfterATextFieldRoundTripsByteExact(int buffer, int chunk, int readSize) throws IOException {
        byte[] png = png();
        byte[] body = new MultipartBodies(BOUNDARY).field("purpose", "edit source")
                .file("file", "cat.png", "image/png", png).close().bytes();

        MultipartUpload upload = MultipartUpload.open(MultipartBodies.chunked(body, chunk), TYPE,
                MultipartLimits.DEFAULTS.withBufferSize(buffer));

        assertEquals(Map.of("purpose", "edit source"), upload.fields());
        assertEquals("file", upload.fieldName());
        assertEquals("image/png", upload.contentType());
        assertEquals("cat.png", upload.filename());
        assertArrayEquals(png, readAll(upload.content(), readSize));
        assertEquals(-1, upload.content().read(), "the end is sticky");
        assertEquals(-1, upload.content().read(new byte[10], 0, 10));
    }

    @Test
    void singleByteReadsSeeTheSameBytes() throws IOException {
        byte[] data = "\r\n--\r\n-\r\r\n\n--".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new MultipartBodies("b").file("file", "a.bin", "application/octet-stream", data).close().bytes();
        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=b",
                MultipartLimits.DEFAULTS.withBufferSize(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = upload.content().read()) >= 0; ) {
            out.write(b);
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @ParameterizedTest(name = "buffer {0}, chunks {1}")
    @CsvSource({"65536, 65536", "1, 1", "5, 2", "40, 7", "41, 41", "42, 43"})
    void bytesThatLookLikeABoundaryStayInTheFile(int buffer, int chunk) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        // every proper prefix of the delimiter, each followed by a byte that breaks it
        String delimiter = "\r\n--" + BOUNDARY;
        for (int i = 1; i < delimiter.length(); i++) {
            data.writeBytes((delimiter.substring(0, i) + "X").getBytes(StandardCharsets.US_ASCII));
        }
        data.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII)); // no CRLF before: data
        data.writeBytes(("\n--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII)); // LF only: data
        data.writeBytes(("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII));
        byte[] file = data.toByteArray();
        byte[] body = new MultipartBodies(BOUNDARY).file("file", "x.png", "image/png", file).close().bytes();

        MultipartUpload upload = MultipartUpload.open(MultipartBodies.chunked(body, chunk), TYPE,
                MultipartLimits.DEFAULTS.withBufferSize(buffer));

        assertArrayEquals(file, readAll(upload.content(), 4096));
    }

    @Test
    void crlfAroundTheDataBelongsToTheFramingOnly() throws IOException {
        byte[] file = "\r\n\r\nline\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new MultipartBodies("xyz").raw("a preamble\r\nof two lines\r\n")
                .part("content-disposition:form-data;name=file;filename=notes.txt").raw(file)
                .raw("\r\n--xyz \t \r\n") // transport padding after a boundary
                .raw("Content-Disposition: form-data; name=\"later\"\r\n\r\nignored")
                .close().raw("an epilogue").bytes();

        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=xyz");

        assertArrayEquals(file, readAll(upload.content(), 3));
        assertNull(upload.contentType(), "no Content-Type header in the part");
        assertEquals("notes.txt", upload.filename());
    }

    @Test
    void anEmptyFileAndAFileEndingWithTheCloseDelimiterDirectly() throws IOException {
        byte[] body = ("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--b--").getBytes(
                StandardCharsets.US_ASCII);
        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=b");
        assertEquals(0, readAll(upload.content(), 10).length);
        assertNull(upload.filename());
    }

    @Test
    void aQuotedBoundaryWithSpacesAndOtherParameters() throws IOException {
        String boundary = "it's (a) +_,-./:=? boundary";
        byte[] body = new MultipartBodies(boundary).file("file", "a.gif", "image/gif", "GIF89a..".getBytes(
                StandardCharsets.US_ASCII)).close().bytes();
        String header = "Multipart/Form-Data ; charset=utf-8; BOUNDARY=\"" + boundary + "\"";

        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), header);

        assertArrayEquals("GIF89a..".getBytes(StandardCharsets.US_ASCII), readAll(upload.content(), 100));
    }

    @Test
    void theFirstPartWithAFilenameIsTheFileWhenNoneIsNamedFile() throws IOException {
        byte[] body = new MultipartBodies("b").field("purpose", "avatar")
                .file("avatar", "", "application/octet-stream", new byte[0]) // an empty file input: skipped
                .file("upload", "me.jpg", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})
                .file("file", "other.png", "image/png", new byte[] {1}).close().bytes();

        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=b");

        assertEquals("upload", upload.fieldName());
        assertEquals("me.jpg", upload.filename());
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, readAll(upload.content(), 10));
        assertEquals(Map.of("purpose", "avatar"), upload.fields());
    }

    @Test
    void theFileFieldNameIsConfigurableAndTheFirstFieldValueWins() throws IOException {
        byte[] body = new MultipartBodies("b").field("a", "1").field("a", "2").field("file", "a text field")
                .part("Content-Disposition: form-data; name=\"image\"").raw("data").close().bytes();

        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=b",
                MultipartLimits.DEFAULTS.withFileField("image"));

        assertEquals("image", upload.fieldName());
        assertEquals(Map.of("a", "1", "file", "a text field"), upload.fields());
        assertArrayEquals("data".getBytes(StandardCharsets.US_ASCII), readAll(upload.content(), 10));
    }

    @Test
    void filenamesAreReducedToASafeDisplayName() throws IOException {
        assertEquals("evil.exe", filenameOf("filename=\"C:\\\\Users\\\\me\\\\..\\\\evil.exe\""));
        assertEquals("passwd", filenameOf("filename=\"../../etc/passwd\""));
        assertEquals("a bgnp.exe", filenameOf("filename=\"a\tb\u202Egnp.exe\""));
        assertEquals("x.png", filenameOf("filename=\"...x\\\".png\""));
        assertEquals("résumé.png", filenameOf("filename=\"fallback.png\"; filename*=UTF-8''r%C3%A9sum%C3%A9.png"));
        assertEquals("fallback.png", filenameOf("filename=\"fallback.png\"; filename*=UTF-8''bad%zz"));
        assertNull(filenameOf("filename=\"..\""));
        String longName = "a".repeat(500) + ".jpeg";
        String kept = filenameOf("filename=\"" + longName + "\"");
        assertEquals(Filenames.MAX_CODE_POINTS, kept.length());
        assertTrue(kept.endsWith("a.jpeg"));
    }

    private static String filenameOf(String parameters) throws IOException {
        byte[] body = new MultipartBodies("b").part("Content-Disposition: form-data; name=\"file\"; " + parameters)
                .raw("x").close().bytes();
        return MultipartUpload.open(new ByteArrayInputStream(body), "multipart/form-data; boundary=b").filename();
    }
}
