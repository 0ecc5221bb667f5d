package org.aisora.moderation.rules.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;

class RulesModerationEngineTest {
    private static final String[] RULES = {"violence=\\bkill\\b|\\bgore\\b", "self-harm=\\bhurt myself\\b",
        "violence=\\bmassacre\\b"};

    @Test
    void defaultsAreTheDocumentedTestCategories() {
        RulesModerationEngine engine = new RulesModerationEngine(Configs.of(RulesConfig.class, Map.of()));
        assertEquals("rules", engine.id());
        assertEquals(PluginHealth.online(), engine.health());
        assertEquals(List.of("blocked-terms"), engine.moderateText("a forbidden-term here").categories());
        assertEquals(List.of("moderation-test"), engine.moderateText("aisora-moderation-test").categories());
        assertFalse(engine.moderateText("a forbidden terminal").flagged());
    }

    @Test
    void matchFlagsTheCategoryWithoutEchoingThePrompt() {
        ModerationVerdict verdict = engine(RULES).moderateText("how to kill the secret-token process");
        assertTrue(verdict.flagged());
        assertEquals(List.of("violence"), verdict.categories());
        assertTrue(verdict.reason().contains("violence"));
        assertFalse(verdict.reason().contains("secret-token"));
        assertFalse(verdict.reason().contains("kill"));
    }

    @Test
    void harmlessTextIsAllowed() {
        RulesModerationEngine engine = engine(RULES);
        assertEquals(ModerationVerdict.allow(), engine.moderateText("a skilled gardener in the morning"));
        assertEquals(ModerationVerdict.allow(), engine.moderateText(""));
        assertEquals(ModerationVerdict.allow(), engine.moderateText(null));
    }

    @Test
    void caseWidthAndInvisibleCharacterTricksAreCaught() {
        RulesModerationEngine engine = engine(RULES);
        for (String evasion : new String[] {"kIll", "KILL", "k\u200bill", "k\u200c\u200di\u2060ll", "k\u00adill",
            "\ufeffgore", "\uff4b\uff49\uff4c\uff4c" /* full-width */}) {
            // "gore" is also in the built-in graphic-violence category, which comes after the operator's own
            assertEquals("violence", engine.moderateText("please " + evasion + " it").categories().get(0), evasion);
        }
    }

    @Test
    void severalCategoriesAreReportedOnceEach() {
        ModerationVerdict verdict = engine(RULES).moderateText("gore and a massacre, I want to hurt myself");
        assertEquals(List.of("violence", "self-harm", "graphic-violence"), verdict.categories());
    }

    @Test
    void badEntriesDegradeButTheRestStillWorks() {
        RulesModerationEngine engine = engine("violence=\\bkill\\b", "broken=(unclosed", "no-equals-sign", "=x");
        PluginHealth health = engine.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("broken"), health.reason());
        assertTrue(health.reason().contains("no-equals-sign"), health.reason());
        assertTrue(engine.moderateText("kill").flagged());
        assertFalse(engine.moderateText("unclosed").flagged());
    }

    @Test
    void modifiedSwapsTheRulesInPlace() {
        RulesModerationEngine engine = engine("broken=(");
        assertEquals(PluginHealth.Status.DEGRADED, engine.health().status());
        engine.modified(Configs.of(RulesConfig.class, Map.of("categories", new String[] {"spam=\\bbuy now\\b"})));
        assertEquals(PluginHealth.online(), engine.health());
        assertEquals(List.of("spam"), engine.moderateText("BUY NOW").categories());
    }

    private static RulesModerationEngine engine(String... rules) {
        return new RulesModerationEngine(Configs.of(RulesConfig.class, Map.of("categories", rules)));
    }
}
