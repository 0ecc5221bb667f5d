package org.aisora.core.internal.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.aisora.api.store.BillingStore.DisputeChange;
import org.aisora.api.store.DisputeRecord;
import org.aisora.api.store.DisputeRecord.State;
import org.aisora.api.store.LedgerKind;
import org.aisora.api.store.LedgerPosting;
import org.junit.jupiter.api.Test;

/** The dispute state machine of STRIPE-CONTRACT.md, one transition at a time. */
class DisputesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");
    private static final String A = "acc-1";

    private static DisputeChange next(DisputeRecord current, State target, long share, long balance) {
        return Disputes.next(current, target, "dispute:stripe:dp_1", A, "stripe", "dp_1", share, balance, NOW);
    }

    private static DisputeRecord at(State state, long held) {
        return new DisputeRecord("stripe", "dp_1", A, state, held, NOW);
    }

    private static List<LedgerPosting> postings(DisputeChange c) {
        return c.posting() == null ? List.of() : c.posting().postings();
    }

    @Test
    void openingHoldsTheShareAsFarAsItIsUnspent() {
        DisputeChange full = next(null, State.OPENED, 100, 250);
        assertEquals(at(State.OPENED, 100), full.dispute());
        assertEquals(LedgerKind.DISPUTE, full.posting().kind());
        assertEquals(List.of(new LedgerPosting("user:acc-1:available", -100), new LedgerPosting("user:acc-1:disputed", 100)),
                postings(full));
        DisputeChange partial = next(null, State.OPENED, 100, 30);
        assertEquals(30, partial.dispute().held());
        DisputeChange nothing = next(null, State.OPENED, 100, 0);
        assertEquals(at(State.OPENED, 0), nothing.dispute());
        assertNull(nothing.posting());
    }

    @Test
    void wonReturnsWhatWasHeldAndLostClawsItBack() {
        DisputeChange won = next(at(State.OPENED, 70), State.WON, 100, 500);
        assertEquals(at(State.WON, 0), won.dispute());
        assertEquals(List.of(new LedgerPosting("user:acc-1:disputed", -70), new LedgerPosting("user:acc-1:available", 70)),
                postings(won));
        DisputeChange lost = next(at(State.OPENED, 70), State.LOST, 100, 500);
        assertEquals(at(State.LOST, 0), lost.dispute());
        assertEquals(LedgerKind.CHARGEBACK, lost.posting().kind());
        assertEquals(List.of(new LedgerPosting("user:acc-1:disputed", -70), new LedgerPosting("system:sales", 70)),
                postings(lost));
    }

    @Test
    void aDisputeFirstSeenClosedWinsNothingOrLosesWhatIsUnspent() {
        DisputeChange won = next(null, State.WON, 100, 500);
        assertEquals(at(State.WON, 0), won.dispute());
        assertNull(won.posting());
        DisputeChange lost = next(null, State.LOST, 100, 40);
        assertEquals(List.of(new LedgerPosting("user:acc-1:available", -40), new LedgerPosting("system:sales", 40)),
                postings(lost));
    }

    @Test
    void anEventNotAheadOfTheStateChangesNothing() {
        assertNull(next(at(State.OPENED, 100), State.OPENED, 100, 500));
        for (State closed : List.of(State.WON, State.LOST)) {
            for (State target : State.values()) {
                assertNull(next(at(closed, 0), target, 100, 500), closed + " then " + target);
            }
        }
    }
}
