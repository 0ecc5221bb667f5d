package org.aisora.moderation.rules.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One built-in category, read from a data file. Sections: {@code [any]} terms each match alone;
 * {@code [neutral]} phrases are blanked out first (benign uses of shared words, "al gore", "sex education");
 * any other {@code [name]} is a word group, and each line of {@code [rules]} ("minor + sexual") matches when
 * every named group has a term in the same prompt. Blank lines and {@code #} comments are ignored.
 */
record Category(String name, List<Pattern> any, List<Pattern> neutral, Map<String, List<Pattern>> groups,
                List<List<String>> rules) {
    Category {
        any = List.copyOf(any);
        neutral = List.copyOf(neutral);
        groups = Map.copyOf(groups);
        rules = List.copyOf(rules);
    }

    static Category load(String name, InputStream in) {
        List<Pattern> any = new ArrayList<>();
        List<Pattern> neutral = new ArrayList<>();
        Map<String, List<Pattern>> groups = new LinkedHashMap<>();
        List<List<String>> rules = new ArrayList<>();
        String section = "any";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (entry.startsWith("[") && entry.endsWith("]")) {
                    section = entry.substring(1, entry.length() - 1).strip();
                    continue;
                }
                switch (section) {
                    case "any" -> any.add(TermPattern.compile(entry));
                    case "neutral" -> neutral.add(TermPattern.compile(entry));
                    case "rules" -> rules.add(List.of(entry.split("\\s*\\+\\s*")));
                    default -> groups.computeIfAbsent(section, k -> new ArrayList<>()).add(TermPattern.compile(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules of category " + name, e);
        }
        for (List<String> rule : rules) {
            for (String group : rule) {
                if (!groups.containsKey(group)) {
                    throw new IllegalArgumentException("category " + name + ": rule names unknown group " + group);
                }
            }
        }
        return new Category(name, any, neutral, groups, rules);
    }

    /** True when the normalised prompt falls in this category. */
    boolean matches(String normalised) {
        String text = normalised;
        for (Pattern phrase : neutral) {
            text = phrase.matcher(text).replaceAll(" ");
        }
        List<String> readings = TextNormaliser.variants(text);
        if (anyMatches(any, readings)) {
            return true;
        }
        for (List<String> rule : rules) {
            boolean all = true;
            for (String group : rule) {
                if (!anyMatches(groups.get(group), readings)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<Pattern> patterns, List<String> readings) {
        for (Pattern pattern : patterns) {
            for (String reading : readings) {
                if (pattern.matcher(reading).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
