package org.aisora.moderation.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.aisora.api.moderation.ModerationVerdict;

/**
 * Reads {@code {results:[{flagged, categories:{name:bool}, category_scores:{name:number}}]}}. An answer
 * without that shape is not a verdict: the caller fails and the core refuses, rather than guessing "clean".
 */
final class Verdicts {
    private Verdicts() {
    }

    /** @throws IllegalArgumentException when the answer is not a moderation result */
    static ModerationVerdict of(JsonNode answer, Map<String, Double> thresholds) {
        JsonNode result = answer.path("results").path(0);
        JsonNode flagged = result.path("flagged");
        JsonNode categories = result.path("categories");
        if (!flagged.isBoolean() || !categories.isObject()) {
            throw new IllegalArgumentException("OpenAI's moderation answer has no results");
        }
        TreeSet<String> hits = new TreeSet<>();
        for (Map.Entry<String, JsonNode> category : categories.properties()) {
            if (category.getValue().asBoolean(false)) {
                hits.add(category.getKey());
            }
        }
        JsonNode scores = result.path("category_scores");
        thresholds.forEach((category, limit) -> {
            JsonNode score = scores.path(category);
            if (score.isNumber() && score.asDouble() >= limit) {
                hits.add(category);
            }
        });
        if (hits.isEmpty() && flagged.asBoolean()) {
            hits.add("flagged"); // OpenAI flagged without naming a category: still a flag
        }
        return hits.isEmpty() ? ModerationVerdict.allow()
                : ModerationVerdict.flag(List.copyOf(hits), "OpenAI moderation flagged: " + String.join(", ", hits));
    }
}
