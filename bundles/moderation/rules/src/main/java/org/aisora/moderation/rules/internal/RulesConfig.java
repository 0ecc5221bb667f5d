package org.aisora.moderation.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the rules engine (PID org.aisora.moderation.rules); all optional. */
@ObjectClassDefinition(name = "AiSora rules moderation",
        description = "Flags prompts that match operator-defined regular expressions, by category")
public @interface RulesConfig {
    String PID = "org.aisora.moderation.rules";

    @AttributeDefinition(cardinality = 1000, description = "One rule per entry: category=regex, e.g. "
            + "violence=\\bkill\\b|\\bgore\\b. Matching is case-insensitive on text normalised to NFKC with "
            + "invisible format characters (zero-width space etc.) removed. Several entries may share a category. "
            + "An invalid entry is ignored and reported in the plugin's health. The defaults are harmless test "
            + "categories: blocked-terms flags the word forbidden-term, moderation-test flags "
            + "aisora-moderation-test, so a deployment can check that moderation is wired up.")
    String[] categories() default {"blocked-terms=\\bforbidden-term\\b", "moderation-test=\\baisora-moderation-test\\b"};

    @AttributeDefinition(cardinality = 100, description = "What a matching category does, one entry per "
            + "category: category=block (refuse the prompt, the default for every category) or category=flag (let it "
            + "through, naming the category in the verdict for review and metrics), e.g. hate=flag. Applies to the "
            + "built-in categories (minors, sexual-violence, graphic-violence, self-harm, hate, extremist) and to the "
            + "operator's own. minors is always blocked: minors=flag is ignored and reported in the plugin's health.")
    String[] category_actions() default {};

    @AttributeDefinition(cardinality = 100000, description = "Known-bad images, one per entry: category=pHash as "
            + "16 hex digits (the 64-bit DCT perceptual hash). An output within image.hash.distance bits of an entry "
            + "is flagged with its category. Works offline; no image leaves the node.")
    String[] image_hashes() default {};

    @AttributeDefinition(description = "Largest Hamming distance (0-64) at which an image counts as a known-bad one")
    int image_hash_distance() default 8;
}
