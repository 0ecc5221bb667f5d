package org.aisora.api.moderation;

import java.util.List;

/** An engine's decision: flagged or not, which categories matched, and a short reason (never the input). */
public record ModerationVerdict(boolean flagged, List<String> categories, String reason) {
    public ModerationVerdict {
        categories = List.copyOf(categories);
        reason = reason == null ? "" : reason;
    }

    public static ModerationVerdict allow() {
        return new ModerationVerdict(false, List.of(), "");
    }

    public static ModerationVerdict flag(List<String> categories, String reason) {
        return new ModerationVerdict(true, categories, reason);
    }
}
