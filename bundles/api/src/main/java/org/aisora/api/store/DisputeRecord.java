package org.aisora.api.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A payment dispute (chargeback or inquiry) as applied to an account: its state only moves forward
 * ({@link State#OPENED}, then {@link State#WON} or {@link State#LOST}) and {@code held} is what it holds now
 * in the account's disputed ledger account (0 once it is closed).
 */
public record DisputeRecord(String processor, String disputeId, String accountId, State state, long held,
                            Instant updatedAt) {
    public enum State {
        OPENED, WON, LOST;

        /** The lower-case name stored in the database. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }

        public boolean closed() {
            return this != OPENED;
        }
    }

    public DisputeRecord {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(disputeId, "disputeId");
        Objects.requireNonNull(state, "state");
    }
}
