package org.aisora.api.moderation;

import java.util.List;

/**
 * An engine's decision: flagged (refused) or not, which categories matched, and a short reason (never the
 * input). {@code review} names the matched categories that did not refuse the input but mark it for review
 * (an operator's "flag" action); they are among {@code categories}, and the core counts them by category.
 */
public record ModerationVerdict(boolean flagged, List<String> categories, String reason, List<String> review) {
    public ModerationVerdict {
        categories = List.copyOf(categories);
        reason = reason == null ? "" : reason;
        review = review == null ? List.of() : List.copyOf(review);
    }

    /** Categories on an allowed verdict are for review; on a refusal, all of them refused it. */
    public ModerationVerdict(boolean flagged, List<String> categories, String reason) {
        this(flagged, categories, reason, flagged ? List.of() : categories);
    }

    public static ModerationVerdict allow() {
        return new ModerationVerdict(false, List.of(), "");
    }

    public static ModerationVerdict flag(List<String> categories, String reason) {
        return new ModerationVerdict(true, categories, reason);
    }

    /** The categories that refused the input: none when it was allowed. */
    public List<String> blocked() {
        return flagged ? categories.stream().filter(c -> !review.contains(c)).toList() : List.of();
    }
}
