package org.aisora.core.internal.thirdparty;

import java.util.ArrayList;
import java.util.List;
import org.aisora.api.plugin.DataTransfer;

/** A plugin's declaration cut to what the record's columns hold; one category a line, so none holds a line break. */
final class Bounds {
    static final int PLUGIN_ID = 100;
    static final int VENDOR = 200;
    static final int PURPOSE = 200;
    static final int RETENTION = 500;
    static final int CATEGORIES = 1000;

    private Bounds() {
    }

    static DataTransfer of(DataTransfer t) {
        if (t == null) {
            return null;
        }
        List<String> categories = new ArrayList<>();
        int length = 0;
        for (String c : t.dataCategories()) {
            String one = c == null ? "" : c.replaceAll("[\\r\\n]+", " ").strip();
            if (one.isEmpty() || categories.contains(one) || length + one.length() + 1 > CATEGORIES) {
                continue;
            }
            categories.add(one);
            length += one.length() + 1;
        }
        return new DataTransfer(cut(t.vendor().strip(), VENDOR), cut(t.purpose().strip(), PURPOSE), categories,
                cut(t.statedRetention().strip(), RETENTION));
    }

    static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
