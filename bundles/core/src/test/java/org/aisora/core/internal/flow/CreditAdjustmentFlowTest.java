package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.CreditSummary;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Operators correct credits with new adjustment entries; nothing is edited and no balance goes negative. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditAdjustmentFlowTest {
    private TestPlatform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @Test
    void aCorrectionIsANewAdjustmentEntryEitherWayAndNeverOverdraws() {
        String email = "adj" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Caller ann = platform.register(email, "1990-01-01");
        long start = platform.credits.summary(ann, 0, 1).balance();
        long entries = platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries");

        CreditSummary up = platform.credits.adjust(email, 40, "compensation for an outage");
        assertEquals(start + 40, up.balance());
        CreditSummary down = platform.credits.adjust(email, -15, "double grant on ticket 42");
        assertEquals(start + 25, down.balance());
        assertEquals(entries + 4, platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries"), "two new transactions");
        assertEquals(2, platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE ledger_account = ?"
                + " AND UPPER(kind) = 'ADJUSTMENT'", "user:" + ann.accountId() + ":available"));
        assertEquals("adjustment: double grant on ticket 42", down.entries().get(0).memo());

        long before = platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries");
        assertEquals("insufficient_credits", assertThrows(AisoraException.class,
                () -> platform.credits.adjust(email, -(start + 26), "too much")).code());
        assertEquals("reason_required", assertThrows(AisoraException.class,
                () -> platform.credits.adjust(email, 5, " ")).code());
        assertEquals("invalid_amount", assertThrows(AisoraException.class,
                () -> platform.credits.adjust(email, 0, "nothing")).code());
        assertEquals(before, platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries"), "refusals write nothing");
        assertEquals(start + 25, platform.credits.summary(ann, 0, 1).balance());
        assertEquals(List.of(), platform.db.ledger().audit());
    }
}
