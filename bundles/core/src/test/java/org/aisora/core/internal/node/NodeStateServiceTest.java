package org.aisora.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aisora.core.internal.MutableClock;
import org.junit.jupiter.api.Test;

class NodeStateServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void servesUntilDrainedAndKeepsTheFirstInstant() {
        MutableClock clock = new MutableClock(T0);
        NodeStateService node = NodeStateService.onClock(clock);
        assertFalse(node.draining());
        assertEquals(Optional.empty(), node.drainingSince());

        node.drain();
        clock.advance(Duration.ofSeconds(30));
        node.drain();
        assertTrue(node.draining());
        assertEquals(Optional.of(T0), node.drainingSince(), "a second drain keeps when draining began");

        node.resume();
        assertFalse(node.draining());
        node.resume();
        assertFalse(node.draining());

        node.drain();
        assertEquals(Optional.of(T0.plusSeconds(30)), node.drainingSince(), "a new drain after resume starts anew");
    }

    @Test
    void deactivationDrains() {
        NodeStateService node = NodeStateService.onClock(new MutableClock(T0));
        node.deactivate();
        assertEquals(Optional.of(T0), node.drainingSince());
    }
}
