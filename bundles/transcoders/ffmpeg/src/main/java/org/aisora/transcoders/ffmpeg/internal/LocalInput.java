package org.aisora.transcoders.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.aisora.api.transcode.TranscodeException;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.javacpp.BytePointer;

/**
 * An input that passed the gate: a regular file on the local file system, whose first bytes FFmpeg
 * recognises as a demuxer on the allow-list. The demuxer is chosen here, from bytes Java read, so no
 * FFmpeg demuxer ever sees a file it is not allowed to parse, and the file reaches FFmpeg only as an
 * absolute {@code file:} URL (an absolute path cannot be read as {@code concat:}, {@code http:} and the like).
 */
record LocalInput(Path path, String url, AVInputFormat format, String demuxer) {
    /** FFmpeg's own probe reads at most this much (its default probesize). */
    private static final int PROBE_BYTES = 1 << 20;

    static LocalInput of(Path input, Settings settings) throws TranscodeException {
        Path real = regularLocalFile(input);
        byte[] head = head(real);
        if (head.length == 0) {
            throw Codes.unsupported("empty file");
        }
        AVInputFormat format = sniff(head, real.getFileName().toString());
        if (format == null || format.isNull()) {
            throw Codes.unsupported("no known media format");
        }
        String demuxer = Av.string(format.name());
        if (!settings.allows(demuxer)) {
            throw Codes.unsupported("demuxer not allowed: " + demuxer);
        }
        return new LocalInput(real, "file:" + real, format, demuxer);
    }

    static Path regularLocalFile(Path input) throws TranscodeException {
        if (input == null || input.getFileSystem() != FileSystems.getDefault()) {
            throw Codes.unsupported("not a local file");
        }
        Path real;
        try {
            real = input.toRealPath();
        } catch (IOException | SecurityException e) {
            throw Codes.unsupported("not a readable local file: " + input);
        }
        if (!real.isAbsolute() || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw Codes.unsupported("not a regular file: " + input);
        }
        return real;
    }

    private static byte[] head(Path file) throws TranscodeException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PROBE_BYTES);
        } catch (IOException e) {
            throw Codes.unsupported("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static AVInputFormat sniff(byte[] head, String fileName) {
        try (BytePointer buffer = new BytePointer((long) head.length + AVPROBE_PADDING_SIZE);
             BytePointer name = new BytePointer(fileName);
             AVProbeData probe = new AVProbeData()) {
            buffer.zero();
            buffer.put(head);
            probe.zero();
            probe.buf(buffer).buf_size(head.length).filename(name);
            int[] score = new int[1];
            return av_probe_input_format3(probe, 1, score);
        }
    }
}
