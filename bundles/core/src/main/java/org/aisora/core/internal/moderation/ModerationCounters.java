package org.aisora.core.internal.moderation;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.aisora.api.moderation.ModerationVerdict;
import org.osgi.service.component.annotations.Component;

/**
 * Moderation outcomes counted by category since this node started (Prometheus counters): prompts let through
 * for review ("flag" actions), prompts refused, generated outputs refused. Only category names are kept, never
 * an input; a category that is not a plain name (an engine's odd answer) and categories past
 * {@link #MAX_CATEGORIES} are counted as {@code other}, so no text and no unbounded label set reaches the metrics.
 */
@Component(service = ModerationCounters.class)
public final class ModerationCounters {
    public enum Kind { PROMPT_FLAGS, PROMPT_BLOCKS, OUTPUT_BLOCKS }

    static final int MAX_CATEGORIES = 200;
    static final String OTHER = "other";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,63}");

    private final Map<Kind, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    /** Counts a prompt verdict: its review categories as flags, the refusing ones as blocks. */
    public void prompt(ModerationVerdict verdict) {
        verdict.review().forEach(c -> add(Kind.PROMPT_FLAGS, c));
        verdict.blocked().forEach(c -> add(Kind.PROMPT_BLOCKS, c));
    }

    /** Counts an output verdict's refusing categories. */
    public void output(ModerationVerdict verdict) {
        verdict.blocked().forEach(c -> add(Kind.OUTPUT_BLOCKS, c));
    }

    /** Category to count, sorted by category. */
    public Map<String, Long> snapshot(Kind kind) {
        Map<String, Long> out = new TreeMap<>();
        counts.getOrDefault(kind, Map.of()).forEach((category, n) -> out.put(category, n.sum()));
        return out;
    }

    private void add(Kind kind, String category) {
        Map<String, LongAdder> byCategory = counts.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
        String label = category == null || !NAME.matcher(category).matches() ? OTHER : category;
        if (!byCategory.containsKey(label) && byCategory.size() >= MAX_CATEGORIES) {
            label = OTHER;
        }
        byCategory.computeIfAbsent(label, l -> new LongAdder()).increment();
    }
}
