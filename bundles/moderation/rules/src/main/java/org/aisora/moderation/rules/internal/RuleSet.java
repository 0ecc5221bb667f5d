package org.aisora.moderation.rules.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The compiled rules of one configuration, plus what was wrong with it; immutable, so it can be swapped whole. */
record RuleSet(List<Rule> rules, List<String> problems) {
    /** Format characters (Unicode Cf: zero-width space/joiners, soft hyphen, BOM, bidi marks) hide words from regexes. */
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    record Rule(String category, Pattern pattern) {
    }

    RuleSet {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    static RuleSet parse(String[] entries) {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; entries != null && i < entries.length; i++) {
            String entry = entries[i] == null ? "" : entries[i];
            int eq = entry.indexOf('=');
            String category = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (category.isEmpty() || eq == entry.length() - 1) {
                problems.add("entry " + (i + 1) + " '" + entry + "' is not category=regex");
                continue;
            }
            try {
                rules.add(new Rule(category, Pattern.compile(entry.substring(eq + 1), FLAGS)));
            } catch (PatternSyntaxException e) {
                problems.add("entry " + (i + 1) + " (" + category + ") has an invalid regex: " + e.getDescription());
            }
        }
        return new RuleSet(rules, problems);
    }

    /**
     * The categories whose rules match, each once, in configuration order. A rule sees the text as written
     * (NFKC) and also with diacritics, look-alikes and punctuation folded, so operator rules gain the same
     * evasion resistance as the built-in categories without losing what they matched before.
     */
    Set<String> match(String text) {
        String normalised = normalise(text);
        String folded = TextNormaliser.normalise(text);
        Set<String> matched = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (!matched.contains(rule.category()) && (rule.pattern().matcher(normalised).find()
                    || rule.pattern().matcher(folded).find())) {
                matched.add(rule.category());
            }
        }
        return matched;
    }

    /** NFKC folds look-alikes (full-width letters, ligatures) onto the letters the rules are written in. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return INVISIBLE.matcher(folded).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
