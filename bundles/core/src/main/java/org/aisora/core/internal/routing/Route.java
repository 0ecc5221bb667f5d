package org.aisora.core.internal.routing;

import java.util.List;
import java.util.Objects;

/**
 * The providers to try for one job, in order, and those passed over because their circuit is open
 * (to record as {@link Attempt#SKIPPED_CIRCUIT_OPEN}).
 *
 * @param problem why {@code toTry} is empty; {@code NONE} when it is not
 * @param message a user-facing sentence for the problem, empty when there is none
 */
public record Route(List<String> toTry, List<String> skippedCircuitOpen, Problem problem, String message) {
    public enum Problem {
        NONE,
        /** No installed provider can do it now (none capable, or all offline or open). */
        NO_PROVIDER,
        /** The pinned provider is not installed: the caller answers 422. */
        PINNED_UNKNOWN,
        /** The pinned provider cannot do this request: the caller answers 422. */
        PINNED_INCAPABLE,
        /** The pinned provider is offline or its circuit is open: a passing condition, the job fails. */
        PINNED_UNAVAILABLE,
        /**
         * Only providers whose vendor may train on content (or does not say) could take the job, and none has a
         * no-training agreement: the job fails with {@code no_training_safe_provider}, nothing is sent out.
         */
        NO_TRAINING_SAFE_PROVIDER,
        /**
         * Only vendor providers could take the job and no installed engine classifies images, which
         * {@code images.required} demands: the job fails with {@code image_moderation_unavailable}, nothing is sent.
         */
        IMAGE_MODERATION_UNAVAILABLE
    }

    public Route {
        toTry = List.copyOf(toTry);
        skippedCircuitOpen = List.copyOf(skippedCircuitOpen);
        Objects.requireNonNull(problem, "problem");
        message = message == null ? "" : message;
    }

    static Route of(List<String> toTry, List<String> skipped, String noneMessage) {
        return toTry.isEmpty() ? new Route(toTry, skipped, Problem.NO_PROVIDER, noneMessage)
                : new Route(toTry, skipped, Problem.NONE, "");
    }

    static Route problem(Problem problem, List<String> skipped, String message) {
        return new Route(List.of(), skipped, problem, message);
    }

    public boolean ok() {
        return problem == Problem.NONE;
    }

    /** The error code a job that cannot be routed ends with. */
    public String errorCode() {
        return switch (problem) {
            case NONE -> null;
            case PINNED_UNAVAILABLE -> "provider_unavailable";
            case NO_TRAINING_SAFE_PROVIDER -> "no_training_safe_provider";
            case IMAGE_MODERATION_UNAVAILABLE -> "image_moderation_unavailable";
            // a pin is checked at submission (422); one that went away since then leaves nothing to run on
            case PINNED_UNKNOWN, PINNED_INCAPABLE, NO_PROVIDER -> "no_provider";
        };
    }

    /** The caller answers 422: the request names a provider that cannot serve it. */
    public boolean unprocessable() {
        return problem == Problem.PINNED_UNKNOWN || problem == Problem.PINNED_INCAPABLE;
    }
}
