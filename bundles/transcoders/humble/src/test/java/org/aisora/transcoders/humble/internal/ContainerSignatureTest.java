package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSignatureTest {
    @TempDir
    Path dir;

    @Test
    void knowsTheContainersOfTheDefaultAllowList() throws IOException {
        assertTrue(known(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}));
        assertTrue(known(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertTrue(known("RIFF\0\0\0\0AVI LIST".getBytes()));
        assertTrue(known("FLV\1\5\0\0\0\11\0\0\0".getBytes()));
        byte[] ts = new byte[200];
        ts[0] = 0x47;
        ts[188] = 0x47;
        assertTrue(known(ts));
    }

    @Test
    void doesNotKnowTextEmptyOrShortFiles() throws IOException {
        assertFalse(known("This is not a media file.\n".getBytes()));
        assertFalse(known(new byte[0]));
        assertFalse(known("ftyp".getBytes()));
        assertFalse(ContainerSignature.looksLikeKnownContainer(dir.resolve("missing")));
    }

    private boolean known(byte[] head) throws IOException {
        return ContainerSignature.looksLikeKnownContainer(Files.write(Files.createTempFile(dir, "f", ".bin"), head));
    }
}
