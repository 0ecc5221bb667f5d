package org.aisora.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {
    @Test
    void accountsAreServedInTurnEachInItsOwnOrder() {
        FairQueue<String> queue = new FairQueue<>(32, 20);
        for (int i = 1; i <= 5; i++) {
            assertTrue(queue.offer("ann", "a" + i));
        }
        assertTrue(queue.offer("bob", "b1"));
        assertTrue(queue.offer("cid", "c1"));
        assertTrue(queue.offer("cid", "c2"));
        List<String> served = new ArrayList<>();
        for (String next = queue.poll(); next != null; next = queue.poll()) {
            served.add(next);
        }
        assertEquals(List.of("a1", "b1", "c1", "a2", "c2", "a3", "a4", "a5"), served);
        assertEquals(0, queue.size());
    }

    @Test
    void theCapacityAndEachAccountsShareAreBounds() {
        FairQueue<String> queue = new FairQueue<>(3, 2);
        assertTrue(queue.reserve("ann"));
        assertTrue(queue.offer("ann", "a1"));
        assertFalse(queue.reserve("ann"), "ann holds her share of 2");
        assertTrue(queue.offer("bob", "b1"));
        assertFalse(queue.offer("cid", "c1"), "3 places, all taken");
        queue.release("ann");
        queue.release("ann"); // a second release of one reservation gives nothing back
        assertEquals(2, queue.size());
        assertTrue(queue.offer("cid", "c1"));
        assertEquals("a1", queue.poll());
        assertTrue(queue.offer("ann", "a2"));
        assertEquals(3, queue.size());
        assertEquals("b1", queue.poll());
        assertEquals("c1", queue.poll());
        assertEquals("a2", queue.poll());
        assertNull(queue.poll());
    }

    @Test
    void newBoundsApplyToTheNextReservationAndKeepWhatIsQueued() {
        FairQueue<String> queue = new FairQueue<>(4, 4);
        assertTrue(queue.offer("ann", "a1"));
        assertTrue(queue.offer("ann", "a2"));
        assertTrue(queue.offer("bob", "b1"));
        queue.resize(2, 1);
        assertEquals(3, queue.size(), "nothing queued is dropped");
        assertFalse(queue.reserve("cid"), "over the smaller capacity");
        assertEquals("a1", queue.poll());
        assertEquals("b1", queue.poll());
        assertFalse(queue.reserve("ann"), "ann still holds her new share of 1");
        assertTrue(queue.reserve("bob"));
        queue.resize(8, 8);
        assertTrue(queue.reserve("ann"));
    }

    @Test
    void aDrainTakesTheQueuedItemsAndLeavesTheReservations() {
        FairQueue<String> queue = new FairQueue<>(8, 4);
        assertTrue(queue.offer("ann", "a1"));
        assertTrue(queue.offer("bob", "b1"));
        assertTrue(queue.offer("ann", "a2"));
        assertTrue(queue.reserve("cid"));
        assertEquals(List.of("a1", "a2", "b1"), queue.drain().stream().sorted().toList());
        assertNull(queue.poll());
        assertEquals(1, queue.size(), "cid's reservation");
        queue.add("cid", "c1");
        assertEquals("c1", queue.poll());
        assertEquals(0, queue.size());
    }
}
