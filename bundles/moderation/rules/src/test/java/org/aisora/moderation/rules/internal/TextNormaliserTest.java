package org.aisora.moderation.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {
    @Test
    void foldsCaseDiacriticsWidthLookAlikesAndPunctuation() {
        assertEquals("nina desnuda", TextNormaliser.normalise("Niña  DESNUDA!"));
        assertEquals("strasse madchen", TextNormaliser.normalise("Straße Mädchen"));
        assertEquals("csam", TextNormaliser.normalise("ｃｓａｍ"));
        assertEquals("csam", TextNormaliser.normalise("сѕаm"));
        assertEquals("hello", TextNormaliser.normalise("h\u200be\u00adllo"));
        assertEquals("l enfant", TextNormaliser.normalise("l'enfant"));
        assertEquals("p0rn $ex @", TextNormaliser.normalise("P0RN $ex @"));
    }

    @Test
    void joinsRunsOfSingleLetters() {
        assertEquals(List.of("c s a m kid", "csam kid", "c sam kid"), TextNormaliser.variants("c s a m kid"));
        assertEquals(List.of("a kite"), TextNormaliser.variants("a kite"));
    }

    @Test
    void termsAcceptLeetAndRepeatsOnWordBoundaries() {
        Pattern teen = TermPattern.compile("teen");
        assertTrue(teen.matcher("a t33n").find());
        assertTrue(teen.matcher("teeeeen").find());
        assertFalse(teen.matcher("ten").find(), "a double letter needs two");
        assertFalse(teen.matcher("teenager").find(), "whole words only");
        Pattern cunt = TermPattern.compile("cunt");
        assertFalse(cunt.matcher("scunthorpe").find());
        Pattern porn = TermPattern.compile("child porn*");
        assertTrue(porn.matcher("childp0rnography").find());
        assertTrue(porn.matcher("child pornography").find());
        Pattern age = TermPattern.compile("re:(?:[1-9]|1[0-7]) ?yo");
        assertTrue(age.matcher("a 12yo").find());
        assertFalse(age.matcher("a 21yo").find());
    }
}
