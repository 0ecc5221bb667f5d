package org.aisora.transcoders.ffmpeg.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The configuration as the transcoder uses it: a time bound and the demuxer allow-list. */
record Settings(Duration maxDecode, Set<String> demuxers) {
    static Settings of(FfmpegConfig config) {
        double seconds = config.max_decode_seconds();
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("max.decode.seconds must be positive: " + seconds);
        }
        Set<String> demuxers = Arrays.stream(config.allowed_demuxers())
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Settings(Duration.ofNanos((long) (seconds * 1e9)), demuxers);
    }

    /** FFmpeg names a demuxer by a comma-separated list ("matroska,webm"): one listed name is enough. */
    boolean allows(String demuxerNames) {
        return demuxerNames != null && Arrays.stream(demuxerNames.split(",")).anyMatch(demuxers::contains);
    }

    /** For FFmpeg's own format_whitelist option, which applies the same any-name rule. */
    String whitelist() {
        return String.join(",", demuxers);
    }
}
