package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;
import org.aisora.api.store.ErasureMark;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.api.store.SubscriptionRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the stores promise an account erasure, once per database (see V9__deletion_receipts.sql). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ErasureStoreContract {
    TestStores stores;

    abstract TestStores open();

    @BeforeAll
    void boot() {
        stores = open();
    }

    @AfterAll
    void shutdown() throws Exception {
        stores.close();
    }

    private AccountRecord account() {
        AccountRecord a = Fixtures.account(Fixtures.id() + "@example.org");
        stores.accounts().insert(a);
        return a;
    }

    @Test
    void aMarkedAccountIsInvisibleKeepsItsFirstMarkAndGoesLast() {
        AccountRecord a = account();
        ErasureMark first = new ErasureMark(a.id(), Fixtures.id(), "user_request", "receipt-1", Fixtures.T0, null);
        assertEquals(first, stores.accounts().beginErasure(first).orElseThrow());
        ErasureMark second = new ErasureMark(a.id(), Fixtures.id(), "admin_request", "receipt-2", Instant.now(), "x");
        assertEquals(first, stores.accounts().beginErasure(second).orElseThrow(), "a re-run keeps the first mark");

        assertTrue(stores.accounts().findById(a.id()).isEmpty());
        assertTrue(stores.accounts().findByEmail(a.email()).isEmpty());
        assertFalse(stores.accounts().list(0, 1000).stream().anyMatch(r -> r.id().equals(a.id())));
        assertFalse(stores.accounts().listAfterId(null, 100_000).stream().anyMatch(r -> r.id().equals(a.id())),
                "nor in the pages policy notices go through");
        assertEquals(a.id(), stores.accounts().findAnyById(a.id()).orElseThrow().id());
        assertEquals(first, stores.accounts().erasureMarkByEmail(a.email().toUpperCase()).orElseThrow());

        stores.accounts().saveErasureProgress(a.id(), "{\"counts\":{}}");
        assertEquals("{\"counts\":{}}", stores.accounts().erasureMark(a.id()).orElseThrow().progress());
        assertTrue(stores.accounts().delete(a.id()));
        assertFalse(stores.accounts().delete(a.id()));
        assertTrue(stores.accounts().erasureMark(a.id()).isEmpty());
        assertTrue(stores.accounts().beginErasure(first).isEmpty(), "no account, no mark");
    }

    @Test
    void pseudonymisingTheLedgerKeepsEveryAmountAndInvariant() {
        String id = Fixtures.id();
        String other = Fixtures.id();
        String pseudonym = Fixtures.id();
        stores.ledger().post(Fixtures.grant("signup:" + id, id, 100));
        stores.ledger().post(Fixtures.hold("hold:job-" + id, id, 30));
        stores.ledger().post(Fixtures.capture("settle:job-" + id, id, 30));
        stores.ledger().post(Fixtures.grant("signup:" + other, other, 50));

        assertEquals(4, stores.ledger().pseudonymise(id, pseudonym), "grant, hold (two legs), capture");
        assertEquals(List.of(), stores.ledger().audit());
        assertEquals(70, stores.ledger().balance(Fixtures.available(pseudonym)));
        assertEquals(0, stores.ledger().balance(Fixtures.available(id)));
        assertEquals(50, stores.ledger().balance(Fixtures.available(other)), "another account is untouched");
        for (String table : List.of("ledger_entries", "ledger_transactions")) {
            assertEquals(0, stores.queryLong("SELECT COUNT(*) FROM " + table + " WHERE tx_key LIKE ?", "%" + id + "%"));
        }
        assertEquals(0, stores.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE memo LIKE ?", "%" + id + "%"));
        assertEquals(3, stores.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key LIKE ?",
                "%" + pseudonym + "%"));
        assertEquals(0, stores.ledger().pseudonymise(id, pseudonym), "a re-run finds nothing");
        assertThrows(IllegalArgumentException.class, () -> stores.ledger().pseudonymise("%", pseudonym));
    }

    @Test
    void pseudonymisingBillingKeepsTheRecords() {
        String id = Fixtures.id();
        String pseudonym = Fixtures.id();
        String key = "checkout:" + id + ":k";
        stores.billing().reserveCheckout(new CheckoutRecord(key, id, "manual", "pack-100", null, null, Fixtures.T0));
        stores.billing().saveCustomer(id, "manual", "cus_1", Fixtures.T0);
        stores.billing().applyEvent(new PaymentEventRecord("manual", "evt-" + id, "checkout.completed", id, "s",
                Fixtures.T0), null, new SubscriptionRecord(id, "manual", "sub-" + id, "pro", "active", null,
                Fixtures.T0), null);
        assertEquals(1, stores.billing().checkouts(id).size());
        assertEquals(1, stores.billing().events(id).size());

        assertTrue(stores.billing().pseudonymise(id, pseudonym) >= 5);
        assertEquals(List.of(), stores.billing().checkouts(id));
        assertEquals(List.of(), stores.billing().events(id));
        assertTrue(stores.billing().subscription(id).isEmpty());
        assertEquals("sub-" + pseudonym, stores.billing().subscription(pseudonym).orElseThrow().subscriptionId());
        assertEquals(1, stores.billing().checkouts(pseudonym).size());
        assertEquals("cus_1", stores.billing().customerId(pseudonym, "manual").orElseThrow());
        for (String table : List.of("billing_customers", "billing_checkouts", "payment_events", "subscriptions")) {
            assertEquals(0, stores.queryLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?", id), table);
        }
    }

    @Test
    void receiptsChainOnceEachAndConcurrentAppendsStayOneChain() throws Exception {
        DeletionReceiptStore receipts = stores.receipts();
        String id = Fixtures.id();
        DeletionReceiptRecord first = receipts.append(id, (seq, prev) -> link(id, seq, prev));
        DeletionReceiptRecord again = receipts.append(id, (seq, prev) -> {
            throw new AssertionError("an id that is stored is not linked again");
        });
        assertEquals(first, again);
        assertEquals(first, receipts.find(id).orElseThrow());

        List<Object> raced = Race.run(6, () -> {
            String rid = Fixtures.id();
            return receipts.append(rid, (seq, prev) -> link(rid, seq, prev));
        });
        Set<String> prevs = new HashSet<>();
        for (Object o : raced) {
            assertTrue(prevs.add(((DeletionReceiptRecord) o).prevHash()), "each link has its own predecessor");
        }
        String prev = DeletionReceiptStore.GENESIS;
        long seq = 0;
        for (DeletionReceiptRecord r : receipts.list(0, 1000)) {
            assertEquals(seq + 1, r.seq());
            assertEquals(prev, r.prevHash());
            prev = r.hash();
            seq = r.seq();
        }
        assertEquals(7, seq, "one chain of seven links");
    }

    private static DeletionReceiptRecord link(String id, long seq, String prev) {
        String content = "{\"id\":\"" + id + "\",\"seq\":" + seq + "}";
        return new DeletionReceiptRecord(id, seq, Fixtures.T0, Fixtures.T0.plusSeconds(86400), content, prev,
                Integer.toHexString((prev + content).hashCode()));
    }
}
