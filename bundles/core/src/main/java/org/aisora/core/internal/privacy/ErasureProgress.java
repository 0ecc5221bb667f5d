package org.aisora.core.internal.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;

/**
 * What an erasure has finished, saved on the account row after each category so a re-run skips it and the
 * receipt still counts what the first run deleted. Stored as canonical JSON.
 */
final class ErasureProgress {
    final Map<String, Long> counts = new LinkedHashMap<>();
    final Map<String, Long> details = new TreeMap<>();
    final List<ThirdPartyDeletion> thirdParties = new ArrayList<>();

    boolean done(String category) {
        return counts.containsKey(category);
    }

    void finished(String category, long count, ErasureContext context) {
        counts.put(category, count);
        context.details().forEach((k, v) -> details.merge(k, v, Long::sum));
        thirdParties.addAll(context.thirdParties());
    }

    String text() {
        List<Object> parties = thirdParties.stream().map(t -> (Object) Map.of("provider", t.provider(),
                "vendor", t.vendor(), "status", t.status(), "tasks", t.tasks())).toList();
        return Json.canonical(Map.of("counts", counts, "details", details, "thirdParties", parties));
    }

    @SuppressWarnings("unchecked")
    static ErasureProgress parse(String text) {
        ErasureProgress p = new ErasureProgress();
        if (text == null || text.isBlank()) {
            return p;
        }
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        ((Map<String, Object>) root.get("counts")).forEach((k, v) -> p.counts.put(k, ((Number) v).longValue()));
        ((Map<String, Object>) root.get("details")).forEach((k, v) -> p.details.put(k, ((Number) v).longValue()));
        for (Object o : (List<Object>) root.get("thirdParties")) {
            p.thirdParties.add(thirdParty((Map<String, Object>) o));
        }
        return p;
    }

    static ThirdPartyDeletion thirdParty(Map<String, Object> m) {
        return new ThirdPartyDeletion((String) m.get("provider"), (String) m.get("vendor"), (String) m.get("status"),
                ((Number) m.get("tasks")).longValue());
    }
}
