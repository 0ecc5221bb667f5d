package org.aisora.core.internal.media;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.aisora.api.transcode.RenditionSpec;

/** Which renditions a video gets: the configured ones no taller than the source, or one at the source height. */
final class Renditions {
    private Renditions() {
    }

    /** Entries are height:kbps; malformed ones are skipped. */
    static List<RenditionSpec> parse(String[] entries) {
        List<RenditionSpec> specs = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            String[] parts = entry.trim().split(":");
            try {
                int height = Integer.parseInt(parts[0].trim());
                int kbps = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 1500;
                if (height >= 64 && kbps > 0) {
                    specs.add(new RenditionSpec(height, kbps));
                }
            } catch (NumberFormatException e) {
                // a bad entry is ignored; the others still apply
            }
        }
        return specs;
    }

    /** Never upscaled: targets above the source drop out; if none is left, one rendition at the source height. */
    static List<RenditionSpec> forSource(List<RenditionSpec> configured, int sourceHeight) {
        TreeSet<Integer> seen = new TreeSet<>();
        List<RenditionSpec> out = new ArrayList<>();
        for (RenditionSpec spec : configured) {
            if (spec.height() <= sourceHeight && seen.add(spec.height())) {
                out.add(spec);
            }
        }
        if (out.isEmpty()) {
            int even = sourceHeight - sourceHeight % 2;
            int kbps = configured.stream().mapToInt(RenditionSpec::videoBitrateKbps).min().orElse(1000);
            out.add(new RenditionSpec(even, kbps));
        }
        return out;
    }
}
