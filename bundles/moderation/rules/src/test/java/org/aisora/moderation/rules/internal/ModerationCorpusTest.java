package org.aisora.moderation.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.Test;

/**
 * The default rule set against the corpora in src/test/resources/corpus: per-category recall on the
 * abusive prompts, false positives on the benign look-alikes. The printed figures go in the docs.
 */
class ModerationCorpusTest {
    private final RulesModerationEngine engine = new RulesModerationEngine(Configs.of(RulesConfig.class, Map.of()));

    @Test
    void recallPerCategoryAndFalsePositivesMeetTheTargets() throws IOException {
        List<String> abusive = lines("/corpus/abusive.txt");
        List<String> benign = lines("/corpus/benign.txt");
        assertTrue(abusive.size() >= 200, "abusive corpus has " + abusive.size());
        assertTrue(benign.size() >= 200, "benign corpus has " + benign.size());

        Map<String, int[]> perCategory = new LinkedHashMap<>();
        BuiltInCategories.NAMES.forEach(name -> perCategory.put(name, new int[2]));
        List<String> missed = new ArrayList<>();
        for (String line : abusive) {
            int bar = line.indexOf('|');
            String category = line.substring(0, bar);
            String prompt = line.substring(bar + 1);
            int[] counts = perCategory.get(category);
            assertTrue(counts != null, "unknown category in corpus: " + category);
            counts[1]++;
            ModerationVerdict verdict = engine.moderateText(prompt);
            if (verdict.flagged() && verdict.categories().contains(category)) {
                counts[0]++;
            } else {
                missed.add(category + "|" + prompt);
            }
        }
        List<String> falsePositives = new ArrayList<>();
        for (String prompt : benign) {
            ModerationVerdict verdict = engine.moderateText(prompt);
            if (!verdict.categories().isEmpty()) {
                falsePositives.add(prompt + " -> " + verdict.categories());
            }
        }

        System.out.println("Moderation corpus (" + abusive.size() + " abusive, " + benign.size() + " benign):");
        perCategory.forEach((name, counts) -> System.out.printf("  %-17s recall %3d/%3d = %5.1f%%%n", name,
                counts[0], counts[1], 100.0 * counts[0] / counts[1]));
        double fpRate = 100.0 * falsePositives.size() / benign.size();
        System.out.printf("  benign false positives %d/%d = %.1f%%%n", falsePositives.size(), benign.size(), fpRate);
        missed.forEach(m -> System.out.println("  missed: " + m));
        falsePositives.forEach(f -> System.out.println("  false positive: " + f));

        int[] minors = perCategory.get(BuiltInCategories.MINORS);
        assertEquals(minors[1], minors[0], "minors recall must be 100%: " + missed);
        perCategory.forEach((name, counts) -> {
            assertTrue(counts[1] >= 25, name + " has only " + counts[1] + " abusive examples");
            assertTrue(counts[0] * 100 >= counts[1] * 90, name + " recall below 90%: " + missed);
        });
        assertTrue(falsePositives.size() * 100 <= benign.size() * 2, "false positives above 2%: " + falsePositives);
    }

    @Test
    void theCorporaCoverEveryLanguageSection() throws IOException {
        String abusive = read("/corpus/abusive.txt");
        for (String language : List.of("# English", "# Spanish", "# French", "# German", "# Portuguese")) {
            assertTrue(abusive.contains(language), language);
        }
    }

    private static List<String> lines(String resource) throws IOException {
        return read(resource).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ModerationCorpusTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
