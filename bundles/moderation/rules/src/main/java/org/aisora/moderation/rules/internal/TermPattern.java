package org.aisora.moderation.rules.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles one term of a category file into a pattern over normalised text. A term is words separated by
 * spaces; a word may end in {@code *} (any further letters). Each letter also accepts its leetspeak digits
 * and symbols and any number of repeats ("nuuuude", "s3x", "p0rn"); a double letter in the term needs at
 * least two ("teen" never matches "ten"). Words may also be glued ("childporn"). The term matches whole
 * words only, so "Scunthorpe" never contains a term. A line starting {@code re:} is a raw regex instead.
 */
final class TermPattern {
    private static final String WORD_CHAR = "[\\p{L}\\p{N}@$]";
    private static final Map<Character, String> LEET = Map.of('a', "a4@", 'e', "e3", 'i', "i1", 'l', "l1",
            'o', "o0", 's', "s5$", 't', "t7");

    private TermPattern() {
    }

    static Pattern compile(String term) {
        if (term.startsWith("re:")) {
            return Pattern.compile("(?<!" + WORD_CHAR + ")(?:" + term.substring(3).trim() + ")(?!" + WORD_CHAR + ")");
        }
        String normalised = TextNormaliser.normalise(term.replace("*", " WILDCARDMARK "))
                .replace(" wildcardmark", "*");
        StringBuilder regex = new StringBuilder("(?<!" + WORD_CHAR + ")");
        String[] words = normalised.split(" ");
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                regex.append(" ?");
            }
            appendWord(regex, words[w]);
        }
        return Pattern.compile(regex.append("(?!" + WORD_CHAR + ")").toString());
    }

    private static void appendWord(StringBuilder regex, String word) {
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '*') {
                regex.append(WORD_CHAR).append('*');
                i++;
                continue;
            }
            int run = 1;
            while (i + run < word.length() && word.charAt(i + run) == c) {
                run++;
            }
            String leet = LEET.get(c);
            regex.append(leet == null ? Pattern.quote(String.valueOf(c)) : "[" + leet + "]")
                    .append(run == 1 ? "+" : "{" + run + ",}");
            i += run;
        }
    }
}
