package org.aisora.core.internal.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.aisora.api.moderation.ModerationVerdict;
import org.junit.jupiter.api.Test;

class ModerationCountersTest {
    private final ModerationCounters counters = new ModerationCounters();

    @Test
    void reviewCategoriesAreFlagsAndTheOthersOfARefusalAreBlocks() {
        counters.prompt(new ModerationVerdict(false, List.of("hate"), "flagged for review: hate", List.of("hate")));
        counters.prompt(new ModerationVerdict(true, List.of("graphic-violence", "hate"), "matched", List.of("hate")));
        counters.prompt(ModerationVerdict.flag(List.of("self-harm/intent"), "OpenAI moderation flagged"));
        counters.prompt(ModerationVerdict.allow());
        counters.output(ModerationVerdict.flag(List.of("known-abuse"), "matched known images"));

        assertEquals(Map.of("hate", 2L), counters.snapshot(ModerationCounters.Kind.PROMPT_FLAGS));
        assertEquals(Map.of("graphic-violence", 1L, "self-harm/intent", 1L),
                counters.snapshot(ModerationCounters.Kind.PROMPT_BLOCKS));
        assertEquals(Map.of("known-abuse", 1L), counters.snapshot(ModerationCounters.Kind.OUTPUT_BLOCKS));
    }

    /** An engine that put text in a category name, or endless categories, cannot fill the metrics with it. */
    @Test
    void onlyPlainNamesBecomeLabelsAndTheirNumberIsBounded() {
        counters.prompt(ModerationVerdict.flag(List.of("kill the \"mayor\" now", ""), "x"));
        for (int i = 0; i < ModerationCounters.MAX_CATEGORIES + 10; i++) {
            counters.prompt(ModerationVerdict.flag(List.of("c" + i), "x"));
        }
        Map<String, Long> blocks = counters.snapshot(ModerationCounters.Kind.PROMPT_BLOCKS);
        assertEquals(ModerationCounters.MAX_CATEGORIES, blocks.size());
        // "other" takes a place of its own: c0..c198 keep theirs, the two odd names and c199..c209 are "other"
        assertEquals(13L, blocks.get(ModerationCounters.OTHER));
    }
}
