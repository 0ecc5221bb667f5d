package org.aisora.moderation.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Known-bad images by perceptual hash, each with its category; bad entries are reported, not fatal. */
record HashBlocklist(List<Entry> entries, List<String> problems) {
    record Entry(String category, long hash) {
    }

    /** Entries are {@code category=16 hex digits}. */
    static HashBlocklist parse(String[] lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines == null ? new String[0] : lines) {
            int eq = line.indexOf('=');
            String hex = eq < 0 ? "" : line.substring(eq + 1).trim();
            if (eq <= 0 || !hex.matches("[0-9a-fA-F]{16}")) {
                problems.add("ignored image hash entry '" + line + "' (want category=16 hex digits)");
                continue;
            }
            entries.add(new Entry(line.substring(0, eq).trim(), Long.parseUnsignedLong(hex, 16)));
        }
        return new HashBlocklist(List.copyOf(entries), List.copyOf(problems));
    }

    Set<String> match(long hash, int maxDistance) {
        Set<String> categories = new TreeSet<>();
        for (Entry e : entries) {
            if (PerceptualHash.distance(e.hash(), hash) <= maxDistance) {
                categories.add(e.category());
            }
        }
        return categories;
    }
}
