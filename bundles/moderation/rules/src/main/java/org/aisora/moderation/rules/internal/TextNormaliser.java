package org.aisora.moderation.rules.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds the usual evasions out of a prompt before the built-in categories look at it: invisible characters,
 * full-width forms and diacritics (NFKD, marks stripped), Cyrillic and Greek look-alikes, case, and
 * punctuation between letters. Leetspeak and repeated letters are not rewritten here: the term patterns
 * accept them ({@link TermPattern}), so "4" in "a 4 year old" is never turned into a letter.
 */
final class TextNormaliser {
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Everything that is not a letter, a digit or one of the leet symbols separates words. */
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}@$]+");

    /** Look-alikes in their original case: upper-case Greek Mu is an M, lower-case mu reads as a u. */
    private static final Map<Character, String> CONFUSABLES = Map.ofEntries(
            // Cyrillic
            Map.entry('А', "a"), Map.entry('а', "a"), Map.entry('В', "b"), Map.entry('в', "b"), Map.entry('Е', "e"),
            Map.entry('е', "e"), Map.entry('К', "k"), Map.entry('к', "k"), Map.entry('М', "m"), Map.entry('м', "m"),
            Map.entry('Н', "h"), Map.entry('н', "h"), Map.entry('О', "o"), Map.entry('о', "o"), Map.entry('Р', "p"),
            Map.entry('р', "p"), Map.entry('С', "c"), Map.entry('с', "c"), Map.entry('Т', "t"), Map.entry('т', "t"),
            Map.entry('Х', "x"), Map.entry('х', "x"), Map.entry('У', "y"), Map.entry('у', "y"), Map.entry('І', "i"),
            Map.entry('і', "i"), Map.entry('Ј', "j"), Map.entry('ј', "j"), Map.entry('Ѕ', "s"), Map.entry('ѕ', "s"),
            Map.entry('ԁ', "d"), Map.entry('ӏ', "l"), Map.entry('ь', "b"), Map.entry('Ь', "b"), Map.entry('г', "r"),
            Map.entry('п', "n"), Map.entry('и', "u"), Map.entry('ц', "u"), Map.entry('Ү', "y"), Map.entry('ү', "y"),
            // Greek
            Map.entry('Α', "a"), Map.entry('α', "a"), Map.entry('Β', "b"), Map.entry('β', "b"), Map.entry('Ε', "e"),
            Map.entry('ε', "e"), Map.entry('Ζ', "z"), Map.entry('Η', "h"), Map.entry('η', "n"), Map.entry('Ι', "i"),
            Map.entry('ι', "i"), Map.entry('Κ', "k"), Map.entry('κ', "k"), Map.entry('Μ', "m"), Map.entry('μ', "u"),
            Map.entry('Ν', "n"), Map.entry('ν', "v"), Map.entry('Ο', "o"), Map.entry('ο', "o"), Map.entry('Ρ', "p"),
            Map.entry('ρ', "p"), Map.entry('Τ', "t"), Map.entry('τ', "t"), Map.entry('Υ', "y"), Map.entry('υ', "u"),
            Map.entry('Χ', "x"), Map.entry('χ', "x"), Map.entry('ω', "w"), Map.entry('ς', "s"),
            // Latin letters NFKD does not decompose
            Map.entry('ß', "ss"), Map.entry('ẞ', "ss"), Map.entry('æ', "ae"), Map.entry('Æ', "ae"), Map.entry('œ', "oe"),
            Map.entry('Œ', "oe"), Map.entry('ø', "o"), Map.entry('Ø', "o"), Map.entry('đ', "d"), Map.entry('Đ', "d"),
            Map.entry('ł', "l"), Map.entry('Ł', "l"), Map.entry('ı', "i"), Map.entry('ŀ', "l"), Map.entry('þ', "th"));

    private TextNormaliser() {
    }

    /** Lower-case Latin words separated by single spaces. */
    static String normalise(String text) {
        String visible = INVISIBLE.matcher(text).replaceAll("");
        String decomposed = MARKS.matcher(Normalizer.normalize(visible, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder mapped = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            String replacement = CONFUSABLES.get(c);
            if (replacement == null) {
                mapped.append(c);
            } else {
                mapped.append(replacement);
            }
        }
        return SEPARATORS.matcher(mapped.toString().toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * The readings a category is matched against: the words as written, and with runs of single characters
     * joined ("c s a m", "c.s.a.m" become "csam"), once whole and once leaving the first character apart,
     * because the run often starts with an article ("a n u d e child").
     */
    static List<String> variants(String normalised) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(normalised);
        String[] words = normalised.isEmpty() ? new String[0] : normalised.split(" ");
        variants.add(join(words, false));
        variants.add(join(words, true));
        return new ArrayList<>(variants);
    }

    private static String join(String[] words, boolean keepFirstApart) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < words.length) {
            int end = i;
            while (end < words.length && words[end].length() == 1) {
                end++;
            }
            int runLength = end - i;
            if (runLength >= 2) {
                int start = i;
                if (keepFirstApart && runLength >= 3) {
                    append(out, words[i]);
                    start = i + 1;
                }
                append(out, String.join("", java.util.Arrays.asList(words).subList(start, end)));
                i = end;
            } else {
                append(out, words[i]);
                i++;
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String word) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(word);
    }
}
