package org.aisora.core.internal.thirdparty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.service.ThirdPartyView;
import org.aisora.api.store.ThirdPartyRecord;
import org.aisora.api.store.ThirdPartyStore;

/**
 * An account's third-party record as {@code GET /me} and the export show it: the recorded transfers and the
 * generation vendors of its jobs, one line per (family, vendor, purpose) whichever plugins made them (two
 * buckets at one host are one line), most recent first.
 */
public final class ThirdParties {
    static final String GENERATION_PURPOSE = "generating the images and videos asked for";
    static final List<String> GENERATION_DATA = List.of("prompts", "input images and videos", "generated media");

    private ThirdParties() {
    }

    public static List<ThirdPartyView> of(ThirdPartyStore store, String accountId) {
        if (store == null) {
            return List.of();
        }
        List<ThirdPartyRecord> all = new ArrayList<>(store.byAccount(accountId));
        store.generationVendors(accountId).forEach(g -> all.add(new ThirdPartyRecord(g.accountId(), g.family(),
                g.pluginId(), g.vendor(), GENERATION_PURPOSE, GENERATION_DATA, g.statedRetention(), g.firstAt(),
                g.lastAt())));
        // oldest first, so the latest stated retention is the one a merged line keeps
        all.sort(Comparator.comparing(ThirdPartyRecord::lastAt));
        Map<String, ThirdPartyView> lines = new LinkedHashMap<>();
        for (ThirdPartyRecord r : all) {
            lines.merge(r.family() + '\n' + r.vendor() + '\n' + r.purpose(), view(r), ThirdParties::merge);
        }
        return lines.values().stream().sorted(Comparator.comparing(ThirdPartyView::lastAt).reversed()
                .thenComparing(ThirdPartyView::family).thenComparing(ThirdPartyView::vendor)).toList();
    }

    private static ThirdPartyView view(ThirdPartyRecord r) {
        return new ThirdPartyView(r.family(), r.vendor(), r.purpose(), r.dataCategories(), r.statedRetention(),
                r.firstAt(), r.lastAt());
    }

    private static ThirdPartyView merge(ThirdPartyView earlier, ThirdPartyView later) {
        List<String> categories = new ArrayList<>(earlier.dataCategories());
        later.dataCategories().stream().filter(c -> !categories.contains(c)).forEach(categories::add);
        Instant first = earlier.firstAt().isBefore(later.firstAt()) ? earlier.firstAt() : later.firstAt();
        return new ThirdPartyView(later.family(), later.vendor(), later.purpose(), categories,
                later.statedRetention().isEmpty() ? earlier.statedRetention() : later.statedRetention(), first,
                later.lastAt());
    }
}
