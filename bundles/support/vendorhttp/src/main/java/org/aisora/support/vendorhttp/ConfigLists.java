package org.aisora.support.vendorhttp;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a list attribute. A plain {@code .cfg} line carries one string, so a comma-separated
 * value ({@code sizes = 1024x1024, 1536x1024}) counts as several entries; entries are trimmed and blank
 * ones dropped. No entry of a vendor configuration contains a comma.
 */
public final class ConfigLists {
    private ConfigLists() {
    }

    public static List<String> entries(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : (value == null ? "" : value).split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }
}
