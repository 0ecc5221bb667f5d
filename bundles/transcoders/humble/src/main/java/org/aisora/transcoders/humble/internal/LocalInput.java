package org.aisora.transcoders.humble.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.aisora.api.transcode.TranscodeException;

/**
 * The only kind of input FFmpeg gets from us: the real path of an existing regular file, handed over as
 * {@code file:} plus that path so FFmpeg cannot read a protocol into it. Anything that reads like a URL
 * ({@code http:}, {@code concat:}, {@code subfile,,...:}, {@code pipe:}) is refused before FFmpeg sees it.
 */
record LocalInput(Path file) {
    /** FFmpeg reads "proto:" and "proto,options:" prefixes; any colon before the first slash is refused. */
    private static final Pattern PROTOCOL_PREFIX = Pattern.compile("^[^/]*:");

    static LocalInput of(Path input) throws TranscodeException {
        if (input == null) {
            throw Failure.unsupported("no input file given");
        }
        String raw = input.toString();
        if (PROTOCOL_PREFIX.matcher(raw).find()) {
            throw Failure.unsupported("only local files are accepted, not a URL or protocol ("
                    + raw.substring(0, raw.indexOf(':') + 1) + ")");
        }
        Path real;
        try {
            real = input.toRealPath();
        } catch (IOException e) {
            throw Failure.unsupported("input is not a readable local file: " + input.getFileName());
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw Failure.unsupported("input is not a readable regular file: " + input.getFileName());
        }
        return new LocalInput(real);
    }

    /** FFmpeg's message without the server-side path, which is no business of whoever reads the error. */
    String scrub(String message) {
        return message == null ? "" : message.replace(url(), String.valueOf(file.getFileName())).trim();
    }

    String url() {
        return "file:" + file;
    }
}
