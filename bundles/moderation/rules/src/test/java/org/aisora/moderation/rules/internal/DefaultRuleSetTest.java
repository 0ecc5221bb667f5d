package org.aisora.moderation.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.Test;

/** The shipped categories with no configuration at all, and the per-category actions. */
class DefaultRuleSetTest {
    private static RulesModerationEngine engine(Map<String, Object> config) {
        return new RulesModerationEngine(Configs.of(RulesConfig.class, config));
    }

    private static final RulesModerationEngine DEFAULTS = engine(Map.of());

    @Test
    void theIssuesExamplesAreBlockedByDefault() {
        assertEquals(List.of("minors"), DEFAULTS.moderateText("csam").categories());
        assertEquals(List.of("minors"), DEFAULTS.moderateText("child sexual abuse material").categories());
        assertEquals(List.of("minors"), DEFAULTS.moderateText("nude child").categories());
        assertEquals(List.of("graphic-violence"), DEFAULTS.moderateText("gore beheading").categories());
        for (String prompt : List.of("csam", "child sexual abuse material", "nude child", "gore beheading")) {
            assertTrue(DEFAULTS.moderateText(prompt).flagged(), prompt);
        }
        assertEquals(List.of("moderation-test"), DEFAULTS.moderateText("aisora-moderation-test").categories());
        assertTrue(DEFAULTS.moderateText("aisora-moderation-test").flagged());
    }

    @Test
    void benignLookAlikesPass() {
        for (String prompt : List.of("a child flying a kite", "chicken breast recipe", "Scunthorpe",
                "a bloody mary cocktail", "Al Gore on stage", "a sonata in C minor", "une râpe à fromage",
                "what kind of nude pastel for the wall", "the Suicide Squad poster", "how to kill a Linux process")) {
            assertEquals(ModerationVerdict.allow(), DEFAULTS.moderateText(prompt), prompt);
        }
    }

    @Test
    void evasionsAreFoldedBeforeMatching() {
        for (String evasion : List.of("CSAM", "c s a m", "c.s.a.m", "c-s-a-m", "c_s_a_m", "draw a c s a m picture",
                "ｃｓａｍ" /* full-width */, "сsаm" /* Cyrillic c and a */, "nuuuude child", "nud3 ch1ld",
                "n@ked k1ds", "nüde chïld", "nude\u200b child", "NUDE CHILD", "ΝUDΕ child" /* Greek capitals */)) {
            assertEquals(List.of("minors"), DEFAULTS.moderateText(evasion).categories(), evasion);
        }
        assertEquals(List.of("graphic-violence"), DEFAULTS.moderateText("g0r3 b3h3ading").categories());
        assertEquals(List.of("sexual-violence"), DEFAULTS.moderateText("r.a.p.e scene").categories());
    }

    @Test
    void minorsNeedsAMinorAndASexualTermTogether() {
        assertFalse(DEFAULTS.moderateText("a child reading a book").flagged());
        assertFalse(DEFAULTS.moderateText("a nude figure drawing of an adult model").flagged());
        assertTrue(DEFAULTS.moderateText("a child in a nude figure drawing").flagged());
        assertTrue(DEFAULTS.moderateText("erotic photo of a 12 year old").flagged());
        assertFalse(DEFAULTS.moderateText("a 12 year old winning a chess tournament").flagged());
    }

    @Test
    void aCategorySetToFlagPassesButIsNamed() {
        RulesModerationEngine engine = engine(Map.of("category_actions", new String[] {"hate=flag", "extremist=FLAG"}));
        ModerationVerdict hate = engine.moderateText("immigrants are vermin");
        assertFalse(hate.flagged());
        assertEquals(List.of("hate"), hate.categories());
        assertEquals(List.of("hate"), hate.review(), "named for review, so the core counts it");
        assertEquals(List.of(), hate.blocked());
        assertFalse(hate.reason().contains("vermin"));
        assertEquals(PluginHealth.online(), engine.health());
        assertTrue(engine.moderateText("gore beheading").flagged(), "other categories still block");
        ModerationVerdict both = engine.moderateText("sieg heil and gore");
        assertTrue(both.flagged());
        assertEquals(List.of("graphic-violence", "extremist"), both.categories());
        assertEquals(List.of("graphic-violence"), both.blocked(), "the block and the flag stay apart");
        assertEquals(List.of("extremist"), both.review());
    }

    @Test
    void minorsCannotBeFlaggedAndTheAttemptShowsInHealth() {
        RulesModerationEngine engine = engine(Map.of("category_actions", new String[] {"minors=flag", "hate=flag"}));
        ModerationVerdict verdict = engine.moderateText("nude child");
        assertTrue(verdict.flagged());
        assertEquals(List.of("minors"), verdict.categories());
        PluginHealth health = engine.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("minors is always blocked"), health.reason());
        assertFalse(engine.moderateText("kill all muslims").flagged(), "the valid entry still applies");
    }

    @Test
    void badActionEntriesAreReportedAndBlockStays() {
        RulesModerationEngine engine = engine(Map.of("category_actions", new String[] {"hate=ignore", "nonsense"}));
        assertEquals(PluginHealth.Status.DEGRADED, engine.health().status());
        assertTrue(engine.health().reason().contains("hate=ignore"), engine.health().reason());
        assertTrue(engine.moderateText("immigrants are vermin").flagged());
    }

    @Test
    void operatorCategoriesCanBeFlaggedToo() {
        RulesModerationEngine engine = engine(Map.of("categories", new String[] {"spam=\\bbuy now\\b"},
                "category_actions", new String[] {"spam=flag"}));
        ModerationVerdict verdict = engine.moderateText("BUY NOW");
        assertFalse(verdict.flagged());
        assertEquals(List.of("spam"), verdict.categories());
    }
}
