package org.aisora.api.store;

import java.util.Objects;

/**
 * Thrown by a {@link CounterChange} (or an {@link Admission}) that refuses but whose counter changes must stay:
 * the store writes the counters, commits, and throws {@link #refusal()} to its caller. Any other exception
 * rolls everything back.
 *
 * @since 2.2
 */
public final class CounterRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RuntimeException refusal;

    public CounterRefusal(RuntimeException refusal) {
        super(refusal.getMessage(), null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public RuntimeException refusal() {
        return refusal;
    }
}
