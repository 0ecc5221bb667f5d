package org.aisora.transcoders.humble.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Tells "a known container FFmpeg could not read" (corrupt_media) from "not media we know" (unsupported_format)
 * when FFmpeg only says "invalid data": by the magic bytes of the containers the default allow-list covers.
 */
final class ContainerSignature {
    private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid");
    private static final int TS_PACKET = 188;

    private ContainerSignature() {
    }

    static boolean looksLikeKnownContainer(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(TS_PACKET + 1);
        } catch (IOException e) {
            return false;
        }
        if (head.length < 12) {
            return false;
        }
        String box = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        String riffType = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        return ISO_BOXES.contains(box)
                || (u(head[0]) == 0x1A && u(head[1]) == 0x45 && u(head[2]) == 0xDF && u(head[3]) == 0xA3)
                || (startsWith(head, "RIFF") && riffType.equals("AVI "))
                || startsWith(head, "FLV")
                || (u(head[0]) == 0x47 && head.length > TS_PACKET && u(head[TS_PACKET]) == 0x47);
    }

    private static boolean startsWith(byte[] head, String magic) {
        return new String(head, 0, magic.length(), StandardCharsets.ISO_8859_1).equals(magic);
    }

    private static int u(byte b) {
        return b & 0xff;
    }
}
