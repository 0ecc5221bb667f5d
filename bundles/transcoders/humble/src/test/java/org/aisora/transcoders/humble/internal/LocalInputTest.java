package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.transcode.TranscodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org/a.mp4", "file:/etc/passwd", "concat:a|b", "subfile,,start,0,end,9,,:/a",
        "pipe:0", "rtmp://x/y", "a:b.mp4", "crypto+file:/a"})
    void refusesAnythingFfmpegWouldReadAProtocolInto(String input) {
        TranscodeException e = assertThrows(TranscodeException.class, () -> LocalInput.of(Path.of(input)));
        assertEquals(Failure.UNSUPPORTED_FORMAT, e.code());
    }

    @Test
    void handsFfmpegTheRealPathWithAFilePrefix() throws Exception {
        Path media = Files.writeString(dir.resolve("a.mp4"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), media);
        assertEquals("file:" + media.toRealPath(), LocalInput.of(link).url());
    }

    @Test
    void refusesDirectoriesAndMissingFiles() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("d.mp4"));
        assertEquals(Failure.UNSUPPORTED_FORMAT,
                assertThrows(TranscodeException.class, () -> LocalInput.of(sub)).code());
        assertEquals(Failure.UNSUPPORTED_FORMAT,
                assertThrows(TranscodeException.class, () -> LocalInput.of(dir.resolve("none.mp4"))).code());
    }
}
