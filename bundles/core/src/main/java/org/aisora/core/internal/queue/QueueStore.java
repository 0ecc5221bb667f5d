package org.aisora.core.internal.queue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The part of a leased queue's store that {@link QueueRunner} needs, taken from the store by method
 * reference: {@code new QueueStore<>(store::claim, store::retryLater, store::markFailed, store::postpone)}.
 * Every settling call names the node, so a node whose lease was taken over changes nothing.
 */
public record QueueStore<R>(Claim<R> claim, Reschedule retryLater, Fail markFailed, Reschedule postpone) {
    /** Up to {@code limit} due rows, claimed by {@code node} until {@code leaseUntil}. */
    @FunctionalInterface
    public interface Claim<R> {
        List<R> claim(String node, Instant now, Instant leaseUntil, int limit);
    }

    /** Pending again, due at {@code nextAttemptAt}, with an error code. */
    @FunctionalInterface
    public interface Reschedule {
        boolean apply(String id, String node, Instant nextAttemptAt, String errorCode, Instant at);
    }

    /** Given up: failed, with the error code. */
    @FunctionalInterface
    public interface Fail {
        boolean apply(String id, String node, String errorCode, Instant at);
    }

    /** A store's counts per status keyed by the statuses' codes, in the statuses' order. */
    public static <S extends Enum<S>> Map<String, Long> byCode(Map<S, Long> counts, Function<S, String> code) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((status, n) -> out.put(code.apply(status), n));
        return out;
    }
}
