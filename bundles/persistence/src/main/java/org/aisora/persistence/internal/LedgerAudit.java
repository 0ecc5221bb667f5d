package org.aisora.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.persistence.EntityManager;

/** The ledger's invariants, checked from the entries up; each violation is one readable line. */
final class LedgerAudit {
    private LedgerAudit() {
    }

    static List<String> run(EntityManager em) {
        List<String> violations = new ArrayList<>();
        for (Object[] row : em.createQuery("select e.transactionKey, sum(e.amount) from LedgerEntry e"
                + " group by e.transactionKey having sum(e.amount) <> 0 order by e.transactionKey", Object[].class)
                .getResultList()) {
            violations.add("transaction " + row[0] + " does not sum to zero: " + row[1]);
        }
        Map<String, Long> sums = pairs(em, "select e.ledgerAccount, sum(e.amount) from LedgerEntry e"
                + " group by e.ledgerAccount");
        Map<String, Long> cached = pairs(em, "select b.ledgerAccount, b.balance from LedgerBalance b");
        TreeSet<String> accounts = new TreeSet<>(sums.keySet());
        accounts.addAll(cached.keySet());
        for (String account : accounts) {
            long sum = sums.getOrDefault(account, 0L);
            Long balance = cached.get(account);
            if (balance == null) {
                violations.add("ledger account " + account + " has entries summing to " + sum + " but no balance");
            } else if (balance != sum) {
                violations.add("ledger account " + account + " caches balance " + balance
                        + " but its entries sum to " + sum);
            }
            long effective = balance == null ? sum : Math.min(balance, sum);
            if (account.startsWith("user:") && effective < 0) {
                violations.add("user ledger account " + account + " is negative: " + effective);
            }
        }
        return violations;
    }

    private static Map<String, Long> pairs(EntityManager em, String jpql) {
        Map<String, Long> result = new TreeMap<>();
        for (Object[] row : em.createQuery(jpql, Object[].class).getResultList()) {
            result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }
}
