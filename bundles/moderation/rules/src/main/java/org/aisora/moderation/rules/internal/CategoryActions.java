package org.aisora.moderation.rules.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What happens when a category matches: {@code block} (the default) refuses the prompt, {@code flag} lets it
 * through with the category named in the verdict. The minors category cannot be flagged: such an entry is
 * ignored and reported in health, so an operator sees the configuration did not do what it says.
 */
record CategoryActions(Map<String, Action> actions, List<String> problems) {
    enum Action { BLOCK, FLAG }

    CategoryActions {
        actions = Map.copyOf(actions);
        problems = List.copyOf(problems);
    }

    static CategoryActions parse(String[] entries) {
        Map<String, Action> actions = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; entries != null && i < entries.length; i++) {
            String entry = entries[i] == null ? "" : entries[i].strip();
            int eq = entry.indexOf('=');
            String category = eq < 0 ? "" : entry.substring(0, eq).strip();
            String value = eq < 0 ? "" : entry.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (category.isEmpty() || !(value.equals("block") || value.equals("flag"))) {
                problems.add("category.actions entry " + (i + 1) + " '" + entry + "' is not category=block|flag");
            } else if (category.equals(BuiltInCategories.MINORS) && value.equals("flag")) {
                problems.add("category.actions '" + entry + "' ignored: " + BuiltInCategories.MINORS
                        + " is always blocked");
            } else {
                actions.put(category, value.equals("flag") ? Action.FLAG : Action.BLOCK);
            }
        }
        return new CategoryActions(actions, problems);
    }

    Action of(String category) {
        return BuiltInCategories.MINORS.equals(category) ? Action.BLOCK : actions.getOrDefault(category, Action.BLOCK);
    }
}
