package org.aisora.persistence.internal;

import java.util.List;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.LedgerEntry;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.LedgerTransaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = LedgerStore.class)
public final class JpaLedgerStore implements LedgerStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaLedgerStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                          @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean post(LedgerTransaction transaction) {
        try {
            return Postings.withBalanceRows(emf, em -> Postings.post(em, transaction));
        } catch (PersistenceException e) {
            if (Postings.postedElsewhere(emf, e, transaction.key())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long balance(String ledgerAccount) {
        return Tx.inTransaction(emf, em -> {
            LedgerBalanceEntity b = em.find(LedgerBalanceEntity.class, ledgerAccount);
            return b == null ? 0L : b.balance();
        });
    }

    @Override
    public List<LedgerEntry> entries(List<String> ledgerAccounts, int offset, int limit) {
        if (ledgerAccounts.isEmpty()) {
            return List.of();
        }
        return Tx.inTransaction(emf, em -> em
                .createQuery("select e from LedgerEntry e where e.ledgerAccount in :accounts order by e.seq desc",
                        LedgerEntryEntity.class)
                .setParameter("accounts", ledgerAccounts)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(LedgerEntryEntity::toRecord).toList());
    }

    @Override
    public List<LedgerEntry> entriesOfTransactions(List<String> transactionKeys) {
        if (transactionKeys.isEmpty()) {
            return List.of();
        }
        return Tx.inTransaction(emf, em -> em
                .createQuery("select e from LedgerEntry e where e.transactionKey in :keys order by e.seq",
                        LedgerEntryEntity.class)
                .setParameter("keys", transactionKeys)
                .getResultList().stream().map(LedgerEntryEntity::toRecord).toList());
    }

    @Override
    public List<String> audit() {
        return Tx.inTransaction(emf, LedgerAudit::run);
    }

    /**
     * Balance rows are locked first, like a posting would; new transaction rows under the pseudonymous keys
     * are written before the entries point at them and the old rows go (the entries' foreign key).
     */
    @Override
    public long pseudonymise(String accountId, String pseudonym) {
        String like = Pseudonyms.like(accountId);
        return Tx.inTransaction(emf, em -> {
            em.createNativeQuery("SELECT ledger_account FROM ledger_balances WHERE ledger_account LIKE ? FOR UPDATE")
                    .setParameter(1, like).getResultList();
            Pseudonyms.replace(em, "ledger_balances", "ledger_account", accountId, pseudonym);
            long entries = Pseudonyms.replace(em, "ledger_entries", "ledger_account", accountId, pseudonym);
            em.createNativeQuery("INSERT INTO ledger_transactions (tx_key, kind, memo, created_at)"
                            + " SELECT REPLACE(tx_key, ?, ?), kind, memo, created_at FROM ledger_transactions"
                            + " WHERE tx_key LIKE ?")
                    .setParameter(1, accountId).setParameter(2, pseudonym).setParameter(3, like).executeUpdate();
            Pseudonyms.replace(em, "ledger_entries", "tx_key", accountId, pseudonym);
            em.createNativeQuery("DELETE FROM ledger_transactions WHERE tx_key LIKE ?").setParameter(1, like)
                    .executeUpdate();
            Pseudonyms.replace(em, "ledger_transactions", "memo", accountId, pseudonym);
            Pseudonyms.replace(em, "ledger_entries", "memo", accountId, pseudonym);
            return entries;
        });
    }
}
