package org.aisora.moderation.rules.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The shipped categories, each loaded once from {@code rules/<name>.txt} in this bundle. */
final class BuiltInCategories {
    /** Sexual content involving minors: always blocked, whatever the configuration says. */
    static final String MINORS = "minors";
    static final List<String> NAMES = List.of(MINORS, "sexual-violence", "graphic-violence", "self-harm", "hate",
            "extremist");
    private static final List<Category> CATEGORIES = load();

    private BuiltInCategories() {
    }

    private static List<Category> load() {
        List<Category> categories = new ArrayList<>();
        for (String name : NAMES) {
            try (InputStream in = BuiltInCategories.class.getResourceAsStream("/rules/" + name + ".txt")) {
                if (in == null) {
                    throw new IllegalStateException("the bundle lacks rules/" + name + ".txt");
                }
                categories.add(Category.load(name, in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return List.copyOf(categories);
    }

    /** The built-in categories the prompt falls in, in {@link #NAMES} order. */
    static Set<String> match(String text) {
        String normalised = TextNormaliser.normalise(text);
        Set<String> matched = new LinkedHashSet<>();
        for (Category category : CATEGORIES) {
            if (category.matches(normalised)) {
                matched.add(category.name());
            }
        }
        return matched;
    }
}
