package org.aisora.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.aisora.api.service.NodeState;
import org.junit.jupiter.api.Test;

/** What aisora:drain and aisora:undrain print, and that they flip the node's state. */
class DrainCommandTest {
    /** The smallest NodeState; the core's own is tested in core. */
    static final class Node implements NodeState {
        Instant since;

        @Override
        public Optional<Instant> drainingSince() {
            return Optional.ofNullable(since);
        }

        @Override
        public void drain() {
            if (since == null) {
                since = Instant.parse("2026-12-01T10:00:00Z");
            }
        }

        @Override
        public void resume() {
            since = null;
        }
    }

    @Test
    void drainAndUndrainFlipTheNode() {
        Node node = new Node();
        DrainCommand drain = new DrainCommand();
        drain.node = node;
        drain.execute();
        assertEquals("draining since 2026-12-01T10:00:00Z: /health/ready answers 503", DrainCommand.describe(node));

        UndrainCommand undrain = new UndrainCommand();
        undrain.node = node;
        undrain.execute();
        assertEquals(Optional.empty(), node.drainingSince());
        assertEquals("serving: /health/ready answers 200 once the platform is up", DrainCommand.describe(node));
    }
}
