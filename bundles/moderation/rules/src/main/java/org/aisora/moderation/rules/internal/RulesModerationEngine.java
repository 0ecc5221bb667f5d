package org.aisora.moderation.rules.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import javax.imageio.ImageIO;
import org.aisora.api.plugin.PluginHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Prompt moderation by regular expressions per category. A bad rule must not switch moderation off, so
 * it is skipped and reported through health while the good rules keep working.
 */
@Component(name = RulesConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RulesConfig.class, factory = false)
public final class RulesModerationEngine implements ModerationEngine {
    private volatile RuleSet rules;
    private volatile CategoryActions actions;
    private volatile HashBlocklist images;
    private volatile int maxDistance;

    @Activate
    public RulesModerationEngine(RulesConfig config) {
        modified(config);
    }

    @Modified
    void modified(RulesConfig config) {
        rules = RuleSet.parse(config.categories());
        actions = CategoryActions.parse(config.category_actions());
        images = HashBlocklist.parse(config.image_hashes());
        maxDistance = Math.max(0, Math.min(64, config.image_hash_distance()));
    }

    @Override
    public String id() {
        return "rules";
    }

    @Override
    public PluginHealth health() {
        List<String> problems = new java.util.ArrayList<>(rules.problems());
        problems.addAll(actions.problems());
        problems.addAll(images.problems());
        return problems.isEmpty() ? PluginHealth.online() : PluginHealth.degraded(String.join("; ", problems));
    }

    /**
     * The operator's rules first, then the built-in categories. A category set to flag leaves the verdict
     * unflagged (the API has no third outcome) but still names the category, so the core can count it.
     * The verdict names categories only: the prompt never travels into logs or responses from here.
     */
    @Override
    public ModerationVerdict moderateText(String text) {
        if (text == null || text.isEmpty()) {
            return ModerationVerdict.allow();
        }
        Set<String> categories = new LinkedHashSet<>(rules.match(text));
        categories.addAll(BuiltInCategories.match(text));
        if (categories.isEmpty()) {
            return ModerationVerdict.allow();
        }
        CategoryActions current = actions;
        List<String> blocked = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        for (String category : categories) {
            (current.of(category) == CategoryActions.Action.BLOCK ? blocked : flagged).add(category);
        }
        List<String> all = new ArrayList<>(blocked);
        all.addAll(flagged);
        if (blocked.isEmpty()) {
            return new ModerationVerdict(false, all, "flagged for review: " + String.join(", ", flagged), flagged);
        }
        return new ModerationVerdict(true, all, "matched rules: " + String.join(", ", blocked)
                + (flagged.isEmpty() ? "" : "; flagged for review: " + String.join(", ", flagged)), flagged);
    }

    /**
     * Known images only, by perceptual hash: this recognises what it was told, it does not classify what an
     * image shows, so {@link #classifiesImages()} stays false. An image that does not decode is flagged: the
     * core only sends images it has already checked.
     */
    @Override
    public ModerationVerdict moderateImage(InputStream image, String contentType) throws IOException {
        HashBlocklist blocklist = images;
        if (blocklist.entries().isEmpty()) {
            return ModerationVerdict.allow();
        }
        BufferedImage decoded = ImageIO.read(image);
        if (decoded == null) {
            return ModerationVerdict.flag(List.of("undecodable"), "the image could not be decoded for moderation");
        }
        Set<String> categories = blocklist.match(PerceptualHash.of(decoded), maxDistance);
        return categories.isEmpty() ? ModerationVerdict.allow()
                : ModerationVerdict.flag(List.copyOf(categories), "matched known images: " + String.join(", ", categories));
    }

    /** The hash an operator puts in the blocklist for an image (used by tests and tooling). */
    public static String hashOf(BufferedImage image) {
        return String.format("%016x", PerceptualHash.of(image));
    }
}
