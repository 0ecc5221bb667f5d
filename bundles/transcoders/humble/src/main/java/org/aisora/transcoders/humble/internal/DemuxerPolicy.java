package org.aisora.transcoders.humble.internal;

import io.humble.video.KeyValueBag;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which FFmpeg demuxers may read an input. The list goes to FFmpeg as {@code format_whitelist}, which FFmpeg 2.8
 * checks after probing and before the demuxer reads its header; that matters because the hls and concat
 * demuxers open their playlist's URLs while reading the header. The name FFmpeg reports is checked again here.
 */
final class DemuxerPolicy {
    /** Demuxers that open further files or network URLs named inside the input; never allowed. */
    static final Set<String> NEVER = Set.of("hls", "applehttp", "concat", "image2", "sdp", "rtp", "rtsp", "sap",
            "webm_dash_manifest", "ffm", "ffmetadata", "tty", "data");

    private final Set<String> allowed;

    /** Names as configured: an array, or one string of comma- or space-separated names (a plain .cfg value). */
    DemuxerPolicy(String[] names) {
        allowed = Arrays.stream(names == null ? new String[0] : names)
                .flatMap(n -> Arrays.stream(n.split("[,\\s]+")))
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .filter(n -> !n.isEmpty() && !NEVER.contains(n) && n.matches("[a-z0-9_]+"))
                .collect(Collectors.toUnmodifiableSet());
    }

    Set<String> allowed() {
        return allowed;
    }

    /**
     * FFmpeg names some demuxers by a comma list ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"); like FFmpeg's
     * own whitelist match, one allowed entry is enough, but a never-allowed entry in the name refuses it.
     */
    boolean accepts(String formatName) {
        if (formatName == null || formatName.isBlank()) {
            return false;
        }
        Set<String> parts = Arrays.stream(formatName.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim).collect(Collectors.toSet());
        return parts.stream().noneMatch(NEVER::contains) && parts.stream().anyMatch(allowed::contains);
    }

    /** Options for Demuxer.open; protocol_whitelist is not known to FFmpeg 2.8, so it is not offered. */
    KeyValueBag openOptions() {
        KeyValueBag options = KeyValueBag.make();
        // an empty whitelist would mean "anything"; "none" matches no demuxer
        options.setValue("format_whitelist", allowed.isEmpty() ? "none" : String.join(",", allowed));
        // mov/mp4: never follow a track's data reference to another file (off by default; pinned here)
        options.setValue("enable_drefs", "0");
        options.setValue("use_absolute_path", "0");
        return options;
    }
}
