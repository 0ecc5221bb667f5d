package org.aisora.rest.internal.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.aisora.api.error.AisoraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartRefusalsTest {
    private static final String TYPE = "multipart/form-data; boundary=b";

    private static void refused(String code, Executable action) {
        AisoraException e = assertThrows(AisoraException.class, action);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.kind().status());
    }

    private static MultipartUpload open(byte[] body) throws IOException {
        return MultipartUpload.open(new ByteArrayInputStream(body), TYPE);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] b = new byte[1000];
        while (in.read(b) >= 0) {
            // nothing
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data; charset=utf-8", "application/json; boundary=b", "multipart/mixed; boundary=b",
        "multipart/form-data; boundary=\"ends with space \"", "multipart/form-data; boundary=a<b",
        "multipart/form-data; boundary=\"caf\u00e9\"", "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=\"unterminated", "multipart/form-data; boundary"})
    void aMissingOrInvalidBoundaryIsRefused(String header) {
        byte[] body = new MultipartBodies("b").file("file", "a", "image/png", new byte[] {1}).close().bytes();
        refused(MultipartUpload.MALFORMED, () -> MultipartUpload.open(new ByteArrayInputStream(body), header));
    }

    @Test
    void theBoundaryLengthIsOneToSeventy() throws IOException {
        refused(MultipartUpload.MALFORMED, () -> MultipartUpload.open(new ByteArrayInputStream(new byte[0]), null));
        String seventy = "b".repeat(70);
        byte[] body = new MultipartBodies(seventy).file("file", "a", "image/png", new byte[] {7}).close().bytes();
        MultipartUpload upload = MultipartUpload.open(new ByteArrayInputStream(body),
                "multipart/form-data; boundary=" + seventy);
        assertArrayEquals(new byte[] {7}, upload.content().readAllBytes());
        refused(MultipartUpload.MALFORMED, () -> MultipartUpload.open(new ByteArrayInputStream(body),
                "multipart/form-data; boundary=" + seventy + "b"));
    }

    @Test
    void everyTruncationIsRefusedNeverTakenForTheEnd() throws IOException {
        byte[] full = new MultipartBodies("b").field("purpose", "x")
                .file("file", "a.png", "image/png", "\u0089PNG\r\n\u001a\n-data-".getBytes(StandardCharsets.ISO_8859_1))
                .raw("\r\n--b--").bytes();
        assertEquals(14, open(full).content().readAllBytes().length, "the whole body is accepted");
        for (int cut = 0; cut < full.length; cut++) {
            byte[] body = Arrays.copyOf(full, cut);
            try {
                MultipartUpload upload = open(body);
                drain(upload.content());
                fail("a body cut at " + cut + " of " + full.length + " was read as complete");
            } catch (AisoraException e) {
                assertEquals(MultipartUpload.MALFORMED, e.code(), "cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aTruncatedFileKeepsFailing() throws IOException {
        byte[] body = new MultipartBodies("b").file("file", "a.png", "image/png", new byte[5000]).bytes();
        InputStream content = open(body).content();
        refused(MultipartUpload.MALFORMED, () -> drain(content));
        refused(MultipartUpload.MALFORMED, () -> content.read());
    }

    @Test
    void tooManyPartsBeforeTheFile() throws IOException {
        MultipartBodies fifteen = new MultipartBodies("b");
        MultipartBodies sixteen = new MultipartBodies("b");
        for (int i = 0; i < 16; i++) {
            if (i < 15) {
                fifteen.field("f" + i, "v");
            }
            sixteen.field("f" + i, "v");
        }
        byte[] ok = fifteen.file("file", "a", "image/png", new byte[] {1}).close().bytes();
        assertEquals(15, open(ok).fields().size());
        refused(MultipartUpload.MALFORMED, () -> open(sixteen.file("file", "a", "image/png", new byte[] {1})
                .close().bytes()));
    }

    @Test
    void partHeadersOverTheCapAreRefused() {
        byte[] longName = new MultipartBodies("b").part("Content-Disposition: form-data; name=\"" + "n".repeat(9000)
                + "\"").raw("x").close().bytes();
        refused(MultipartUpload.MALFORMED, () -> open(longName));
        byte[] endless = new MultipartBodies("b").raw("--b\r\nX-Junk: " + "a".repeat(20_000)).bytes();
        AisoraException e = assertThrows(AisoraException.class, () -> open(endless));
        assertTrue(e.getMessage().contains("headers exceed 8192"), e.getMessage());
        byte[] preamble = new MultipartBodies("b").raw("p".repeat(9000)).file("file", "a", "image/png",
                new byte[] {1}).close().bytes();
        refused(MultipartUpload.MALFORMED, () -> open(preamble));
    }

    @Test
    void noFilePart() {
        refused(MultipartUpload.MISSING_FILE, () -> open(new MultipartBodies("b").field("purpose", "x")
                .field("other", "y").close().bytes()));
        refused(MultipartUpload.MISSING_FILE, () -> open("--b--\r\n".getBytes(StandardCharsets.US_ASCII)));
        refused(MultipartUpload.MISSING_FILE, () -> open(new MultipartBodies("b")
                .file("picture", "", "application/octet-stream", new byte[0]).close().bytes()));
    }

    @Test
    void textFieldsOverTheCapAreRefused() {
        refused(MultipartUpload.MALFORMED, () -> open(new MultipartBodies("b").field("purpose", "x".repeat(8200))
                .file("file", "a", "image/png", new byte[] {1}).close().bytes()));
        MultipartBodies many = new MultipartBodies("b");
        for (int i = 0; i < 9; i++) {
            many.field("f" + i, "v".repeat(1000));
        }
        refused(MultipartUpload.MALFORMED, () -> open(many.file("file", "a", "image/png", new byte[] {1})
                .close().bytes()));
        refused(MultipartUpload.MALFORMED, () -> open(new MultipartBodies("b")
                .file("other", "", "application/octet-stream", new byte[10_000])
                .file("file", "a", "image/png", new byte[] {1}).close().bytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--",
        "--b\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx\r\n--b--",
        "--b\r\nContent-Disposition: form-data; filename=\"a.png\"\r\n\r\nx\r\n--b--",
        "--b\r\nContent-Disposition: form-data; name=\"file\"\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx",
        "--b\r\nNo colon here\r\n\r\nx\r\n--b--",
        "--b\r\n Content-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--b--",
        "--b\nContent-Disposition: form-data; name=\"file\"\n\nx\n--b--",
        "--b\r\nContent-Disposition: form-data; name=\"file\"\n\r\n\r\nx\r\n--b--",
        "--bX\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--b--",
        "--b-\r\n",
        "--b\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx\r\n--b--"})
    void malformedFramingIsRefused(String body) {
        refused(MultipartUpload.MALFORMED, () -> drain(open(body.getBytes(StandardCharsets.UTF_8)).content()));
    }

    @Test
    void aBrokenDelimiterLineAfterTheFileIsRefused() throws IOException {
        byte[] body = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nxyz\r\n--b junk".getBytes(
                StandardCharsets.US_ASCII);
        InputStream content = open(body).content();
        refused(MultipartUpload.MALFORMED, () -> drain(content));
    }

    @Test
    void partsAfterTheFileAreNotRead() throws IOException {
        byte[] body = new MultipartBodies("b").file("file", "a", "image/png", new byte[] {1, 2})
                .part("this header is broken and the part never closes").raw(new byte[100_000]).bytes();
        MultipartBodies.Counting counting = new MultipartBodies.Counting(MultipartBodies.chunked(body, 512));
        MultipartUpload upload = MultipartUpload.open(counting, TYPE, MultipartLimits.DEFAULTS.withBufferSize(1024));
        assertArrayEquals(new byte[] {1, 2}, upload.content().readAllBytes());
        assertTrue(counting.count <= 2048, "read " + counting.count + " bytes");
    }
}
