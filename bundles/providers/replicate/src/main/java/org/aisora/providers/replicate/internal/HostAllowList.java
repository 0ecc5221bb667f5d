package org.aisora.providers.replicate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts output files may come from. An entry is an exact host name or {@code *.domain}, which
 * matches names below the domain but not the domain itself; nothing else is a pattern.
 */
final class HostAllowList {
    private final List<String> exact = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    HostAllowList(String[] entries) {
        for (String raw : entries == null ? new String[0] : entries) {
            String entry = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            if (entry.startsWith("*.") && entry.length() > 2) {
                suffixes.add(entry.substring(1));
            } else if (!entry.isEmpty() && !entry.contains("*")) {
                exact.add(entry);
            }
        }
    }

    boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return exact.contains(h) || suffixes.stream().anyMatch(s -> h.endsWith(s) && h.length() > s.length());
    }

    boolean isEmpty() {
        return exact.isEmpty() && suffixes.isEmpty();
    }
}
