package org.aisora.core.internal.routing;

import java.util.Set;
import org.aisora.api.provider.ProviderException;

/**
 * The one table that says what a provider error means for routing, so the breaker, the retry plan and
 * the attempt log never disagree. Codes the core raises itself ({@code output_rejected},
 * {@code moderation_unavailable}) are listed too, because they travel as {@link ProviderException}.
 */
public final class ErrorKinds {
    /** The core's own output moderation flagged the result. */
    public static final String OUTPUT_REJECTED = "output_rejected";
    /** The core could not moderate the output; failing closed, whoever generated it. */
    public static final String MODERATION_UNAVAILABLE = "moderation_unavailable";

    private static final Set<String> TRANSIENT = Set.of(ProviderException.UNAVAILABLE, ProviderException.TIMEOUT,
            ProviderException.RATE_LIMITED);
    private static final Set<String> REJECTIONS = Set.of(ProviderException.CONTENT_POLICY, OUTPUT_REJECTED);
    private static final Set<String> ENDS_JOB = Set.of(ProviderException.CONTENT_POLICY, OUTPUT_REJECTED,
            MODERATION_UNAVAILABLE);
    private static final Set<String> WRONG_PROVIDER = Set.of(ProviderException.AUTH_FAILED,
            ProviderException.INVALID_REQUEST, ProviderException.INVALID_OUTPUT);

    private ErrorKinds() {
    }

    /** The vendor refused our key: the breaker opens at once. */
    public static boolean refusesKey(ProviderException e) {
        return ProviderException.AUTH_FAILED.equals(e.code());
    }

    /** The vendor is in trouble (down, slow, throttling): counts towards opening the breaker. */
    public static boolean countsAgainstProvider(ProviderException e) {
        if (refusesKey(e)) {
            return true;
        }
        if (ENDS_JOB.contains(e.code()) || WRONG_PROVIDER.contains(e.code())) {
            return false;
        }
        return TRANSIENT.contains(e.code()) || e.retryable();
    }

    /** Another provider would not change the verdict: the job ends here. */
    public static boolean endsJob(ProviderException e) {
        return ENDS_JOB.contains(e.code());
    }

    /** The job ends {@code rejected} rather than {@code failed}. */
    public static boolean isRejection(ProviderException e) {
        return REJECTIONS.contains(e.code());
    }

    /** This provider will not serve this job, but another may. */
    public static boolean wrongProvider(ProviderException e) {
        return WRONG_PROVIDER.contains(e.code());
    }
}
