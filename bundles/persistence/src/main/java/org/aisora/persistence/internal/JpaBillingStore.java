package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.api.store.DisputeRecord;
import org.aisora.api.store.LedgerTransaction;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.api.store.SubscriptionRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Billing rows through plain SQL on the JPA connection (see V5__billing.sql). An event is applied by
 * inserting its (processor, event id) row first, in the transaction that posts its effect: a concurrent
 * duplicate fails on the primary key and its whole transaction, effect included, rolls back.
 */
@Component(service = BillingStore.class)
public final class JpaBillingStore implements BillingStore {
    /** Every text column that names the account, including keys the core built from its id. */
    private static final String[][] ACCOUNT_COLUMNS = {
        {"billing_customers", "account_id"}, {"billing_checkouts", "account_id"},
        {"billing_checkouts", "idempotency_key"}, {"billing_checkouts", "session_id"}, {"billing_checkouts", "url"},
        {"payment_events", "account_id"}, {"payment_events", "event_id"}, {"payment_events", "object_id"},
        {"subscriptions", "account_id"}, {"subscriptions", "subscription_id"},
        {"billing_disputes", "account_id"},
    };

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaBillingStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                           @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public Optional<String> customerId(String accountId, String processor) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery(
                        "SELECT customer_id FROM billing_customers WHERE account_id = ? AND processor = ?")
                .setParameter(1, accountId).setParameter(2, processor).getResultList().stream()
                .findFirst().map(String::valueOf));
    }

    @Override
    public String saveCustomer(String accountId, String processor, String customerId, Instant at) {
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO billing_customers (account_id, processor, customer_id,"
                            + " created_at) VALUES (?, ?, ?, ?)").setParameter(1, accountId).setParameter(2, processor)
                    .setParameter(3, customerId).setParameter(4, at.toEpochMilli()).executeUpdate());
        } catch (PersistenceException e) {
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
        }
        return customerId(accountId, processor).orElseThrow();
    }

    @Override
    public CheckoutRecord reserveCheckout(CheckoutRecord p) {
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO billing_checkouts (idempotency_key, account_id,"
                            + " processor, product_id, created_at) VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, p.idempotencyKey()).setParameter(2, p.accountId()).setParameter(3, p.processor())
                    .setParameter(4, p.productId()).setParameter(5, p.createdAt().toEpochMilli()).executeUpdate());
        } catch (PersistenceException e) {
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
        }
        return checkouts("idempotency_key = ?", p.idempotencyKey(), null).get(0);
    }

    @Override
    public Optional<CheckoutRecord> checkoutBySession(String processor, String sessionId) {
        return checkouts("session_id = ? AND processor = ?", sessionId, processor).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<CheckoutRecord> checkouts(String where, String first, String second) {
        return Tx.inTransaction(emf, em -> {
            javax.persistence.Query q = em.createNativeQuery("SELECT idempotency_key, account_id, processor, product_id,"
                    + " session_id, url, created_at FROM billing_checkouts WHERE " + where).setParameter(1, first);
            if (second != null) {
                q.setParameter(2, second);
            }
            List<Object[]> rows = q.getResultList();
            return rows.stream().map(r -> new CheckoutRecord((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], Instant.ofEpochMilli(((Number) r[6]).longValue()))).toList();
        });
    }

    @Override
    public void completeCheckout(String idempotencyKey, String sessionId, String url) {
        Tx.run(emf, em -> em.createNativeQuery("UPDATE billing_checkouts SET session_id = ?, url = ?"
                        + " WHERE idempotency_key = ?").setParameter(1, sessionId).setParameter(2, url)
                .setParameter(3, idempotencyKey).executeUpdate());
    }

    @Override
    public boolean applyEvent(PaymentEventRecord event, LedgerTransaction posting, SubscriptionRecord subscription,
                              String newPlan) {
        return onceFor(event, em -> {
            if (posting != null) {
                Postings.post(em, posting);
            }
            if (subscription != null) {
                upsert(em, subscription);
            }
            if (newPlan != null && event.accountId() != null) {
                em.createNativeQuery("UPDATE accounts SET plan = ? WHERE id = ?").setParameter(1, newPlan)
                        .setParameter(2, event.accountId()).executeUpdate();
            }
        });
    }

    /** A changed plan and, for a downgrade, when it happened: the start of its grace (see V19__dunning.sql). */
    private static int setPlan(EntityManager em, String accountId, String plan, boolean downgrade, Instant at) {
        return em.createNativeQuery("UPDATE accounts SET plan = ?, downgraded_at = ? WHERE id = ? AND plan <> ?")
                .setParameter(1, plan).setParameter(2, downgrade ? at.toEpochMilli() : null)
                .setParameter(3, accountId).setParameter(4, plan).executeUpdate();
    }

    @Override
    public boolean applySubscriptionEvent(PaymentEventRecord event, LedgerTransaction posting,
                                          SubscriptionRecord subscription, String newPlan, boolean downgrade,
                                          Instant dunningSince) {
        return onceFor(event, em -> {
            if (posting != null) {
                Postings.post(em, posting);
            }
            if (subscription != null) {
                upsert(em, subscription);
                if (dunningSince == null) {
                    em.createNativeQuery("UPDATE subscriptions SET dunning_since = NULL WHERE account_id = ?")
                            .setParameter(1, subscription.accountId()).executeUpdate();
                } else { // the first failure counts: a later past_due event does not move the grace on
                    em.createNativeQuery("UPDATE subscriptions SET dunning_since = COALESCE(dunning_since, ?)"
                                    + " WHERE account_id = ?").setParameter(1, dunningSince.toEpochMilli())
                            .setParameter(2, subscription.accountId()).executeUpdate();
                }
            }
            if (newPlan != null && event.accountId() != null) {
                setPlan(em, event.accountId(), newPlan, downgrade, event.receivedAt());
            }
        });
    }

    @Override
    public Optional<Instant> dunningSince(String accountId) {
        return instant("SELECT dunning_since FROM subscriptions WHERE account_id = ?", accountId);
    }

    @Override
    public Optional<Instant> downgradedAt(String accountId) {
        return instant("SELECT downgraded_at FROM accounts WHERE id = ?", accountId);
    }

    private Optional<Instant> instant(String sql, String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery(sql).setParameter(1, accountId).getResultList()
                .stream().filter(java.util.Objects::nonNull).findFirst()
                .map(v -> Instant.ofEpochMilli(((Number) v).longValue())));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Dunning> dunning(String basePlan, int limit) {
        return Tx.inTransaction(emf, em -> {
            List<Object[]> rows = em.createNativeQuery("SELECT account_id, plan, dunning_since FROM subscriptions"
                    + " WHERE dunning_since IS NOT NULL AND plan <> ? ORDER BY dunning_since, account_id")
                    .setParameter(1, basePlan).setMaxResults(Math.max(1, limit)).getResultList();
            return rows.stream().map(r -> new Dunning((String) r[0], (String) r[1],
                    Instant.ofEpochMilli(((Number) r[2]).longValue()))).toList();
        });
    }

    @Override
    public boolean endDunningGrace(String accountId, Instant since, String plan, Instant now) {
        return Tx.inTransaction(emf, em -> {
            // the account row lock, as an event's upsert takes it: an event applied meanwhile is seen, not lost
            em.createNativeQuery("SELECT id FROM accounts WHERE id = ? FOR UPDATE").setParameter(1, accountId)
                    .getResultList();
            int still = em.createNativeQuery("UPDATE subscriptions SET plan = ?, updated_at = ? WHERE account_id = ?"
                            + " AND dunning_since = ?").setParameter(1, plan).setParameter(2, now.toEpochMilli())
                    .setParameter(3, accountId).setParameter(4, since.toEpochMilli()).executeUpdate();
            return still > 0 && setPlan(em, accountId, plan, true, now) > 0;
        });
    }

    @Override
    public boolean applyRefund(PaymentEventRecord event, String ledgerAccount, String keyPrefix, RefundPosting posting) {
        return onceFor(event, em -> {
            LedgerBalanceEntity balance = em.find(LedgerBalanceEntity.class, ledgerAccount, LockModeType.PESSIMISTIC_WRITE);
            if (balance == null) {
                throw new MissingBalanceRows(List.of(ledgerAccount));
            }
            // read after the lock: a refund of the same charge applied concurrently has committed by now
            Number taken = (Number) em.createNativeQuery("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries"
                            + " WHERE ledger_account = ? AND tx_key LIKE ? ESCAPE '!'")
                    .setParameter(1, ledgerAccount).setParameter(2, likePrefix(keyPrefix)).getSingleResult();
            LedgerTransaction t = posting.posting(-taken.longValue(), balance.balance());
            if (t != null) {
                Postings.post(em, t);
            }
        });
    }

    @Override
    public boolean applyDispute(PaymentEventRecord event, String processor, String disputeId, String ledgerAccount,
                                DisputeTransition transition) {
        return onceFor(event, em -> {
            LedgerBalanceEntity balance = em.find(LedgerBalanceEntity.class, ledgerAccount, LockModeType.PESSIMISTIC_WRITE);
            if (balance == null) {
                throw new MissingBalanceRows(List.of(ledgerAccount));
            }
            // read after the lock: another event of this dispute applied concurrently has committed by now
            DisputeRecord current = disputeRow(em, processor, disputeId).orElse(null);
            DisputeChange change = transition.next(current, balance.balance());
            if (change == null) {
                return;
            }
            if (change.posting() != null) {
                Postings.post(em, change.posting());
            }
            DisputeRecord d = change.dispute();
            int updated = current == null ? 0 : em.createNativeQuery("UPDATE billing_disputes SET state = ?, held = ?,"
                            + " updated_at = ? WHERE processor = ? AND dispute_id = ?")
                    .setParameter(1, d.state().code()).setParameter(2, d.held())
                    .setParameter(3, d.updatedAt().toEpochMilli()).setParameter(4, processor)
                    .setParameter(5, disputeId).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO billing_disputes (processor, dispute_id, account_id, state, held,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .setParameter(1, processor).setParameter(2, disputeId).setParameter(3, d.accountId())
                        .setParameter(4, d.state().code()).setParameter(5, d.held())
                        .setParameter(6, d.updatedAt().toEpochMilli()).executeUpdate();
            }
        });
    }

    @Override
    public Optional<DisputeRecord> dispute(String processor, String disputeId) {
        return Tx.inTransaction(emf, em -> disputeRow(em, processor, disputeId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DisputeRecord> disputes(String accountId) {
        return Tx.inTransaction(emf, em -> disputeRows(em.createNativeQuery("SELECT processor, dispute_id, account_id,"
                        + " state, held, updated_at FROM billing_disputes WHERE account_id = ?"
                        + " ORDER BY updated_at, processor, dispute_id")
                .setParameter(1, accountId).getResultList()));
    }

    @SuppressWarnings("unchecked")
    private static Optional<DisputeRecord> disputeRow(EntityManager em, String processor, String disputeId) {
        return disputeRows(em.createNativeQuery("SELECT processor, dispute_id, account_id, state, held, updated_at"
                        + " FROM billing_disputes WHERE processor = ? AND dispute_id = ?")
                .setParameter(1, processor).setParameter(2, disputeId).getResultList()).stream().findFirst();
    }

    private static List<DisputeRecord> disputeRows(List<Object[]> rows) {
        return rows.stream().map(r -> new DisputeRecord((String) r[0], (String) r[1], (String) r[2],
                DisputeRecord.State.of((String) r[3]), ((Number) r[4]).longValue(),
                Instant.ofEpochMilli(((Number) r[5]).longValue()))).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> customers(String accountId) {
        return Tx.inTransaction(emf, em -> {
            Map<String, String> customers = new LinkedHashMap<>();
            List<Object[]> rows = em.createNativeQuery("SELECT processor, customer_id FROM billing_customers"
                    + " WHERE account_id = ? ORDER BY processor").setParameter(1, accountId).getResultList();
            rows.forEach(r -> customers.put((String) r[0], (String) r[1]));
            return customers;
        });
    }

    /** Records the event and runs its effect in one transaction; a repeated event id changes nothing. */
    private boolean onceFor(PaymentEventRecord event, Consumer<EntityManager> effect) {
        try {
            return Postings.withBalanceRows(emf, em -> {
                em.createNativeQuery("INSERT INTO payment_events (processor, event_id, type, account_id, object_id,"
                                + " received_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .setParameter(1, event.processor()).setParameter(2, event.eventId()).setParameter(3, event.type())
                        .setParameter(4, event.accountId()).setParameter(5, event.objectId())
                        .setParameter(6, event.receivedAt().toEpochMilli()).executeUpdate();
                em.flush();
                effect.accept(em);
                return true;
            });
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return false; // the event was applied by an earlier or concurrent delivery
            }
            throw e;
        }
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static void upsert(EntityManager em, SubscriptionRecord s) {
        // the account row lock queues racing first writes (a missing row's gap lock would deadlock them)
        em.createNativeQuery("SELECT id FROM accounts WHERE id = ? FOR UPDATE").setParameter(1, s.accountId())
                .getResultList();
        int updated = em.createNativeQuery("UPDATE subscriptions SET processor = ?, subscription_id = ?, plan = ?,"
                        + " status = ?, period_end = ?, updated_at = ? WHERE account_id = ?")
                .setParameter(1, s.processor()).setParameter(2, s.subscriptionId()).setParameter(3, s.plan())
                .setParameter(4, s.status()).setParameter(5, s.periodEnd() == null ? null : s.periodEnd().toEpochMilli())
                .setParameter(6, s.updatedAt().toEpochMilli()).setParameter(7, s.accountId()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO subscriptions (account_id, processor, subscription_id, plan, status,"
                            + " period_end, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, s.accountId()).setParameter(2, s.processor()).setParameter(3, s.subscriptionId())
                    .setParameter(4, s.plan()).setParameter(5, s.status())
                    .setParameter(6, s.periodEnd() == null ? null : s.periodEnd().toEpochMilli())
                    .setParameter(7, s.updatedAt().toEpochMilli()).executeUpdate();
        }
    }

    @Override
    public Optional<SubscriptionRecord> subscription(String accountId) {
        return Tx.inTransaction(emf, em -> rows(em, "WHERE account_id = ?", accountId, 1).stream().findFirst());
    }

    @Override
    public List<SubscriptionRecord> subscriptions(int limit) {
        return Tx.inTransaction(emf, em -> rows(em, "", null, limit));
    }

    @Override
    public List<CheckoutRecord> checkouts(String accountId) {
        return checkouts("account_id = ? ORDER BY created_at, idempotency_key", accountId, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<PaymentEventRecord> events(String accountId) {
        return Tx.inTransaction(emf, em -> {
            List<Object[]> rows = em.createNativeQuery("SELECT processor, event_id, type, account_id, object_id,"
                    + " received_at FROM payment_events WHERE account_id = ? ORDER BY received_at, event_id")
                    .setParameter(1, accountId).getResultList();
            return rows.stream().map(r -> new PaymentEventRecord((String) r[0], (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4], Instant.ofEpochMilli(((Number) r[5]).longValue()))).toList();
        });
    }

    @Override
    public long pseudonymise(String accountId, String pseudonym) {
        return Tx.inTransaction(emf, em -> {
            long changed = 0;
            for (String[] column : ACCOUNT_COLUMNS) {
                changed += Pseudonyms.replace(em, column[0], column[1], accountId, pseudonym);
            }
            return changed;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<SubscriptionRecord> rows(EntityManager em, String where, String accountId, int limit) {
        javax.persistence.Query q = em.createNativeQuery("SELECT account_id, processor, subscription_id, plan, status,"
                + " period_end, updated_at FROM subscriptions " + where + " ORDER BY updated_at DESC");
        if (accountId != null) {
            q.setParameter(1, accountId);
        }
        List<Object[]> result = q.setMaxResults(limit).getResultList();
        return result.stream().map(r -> new SubscriptionRecord((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], r[5] == null ? null : Instant.ofEpochMilli(((Number) r[5]).longValue()),
                Instant.ofEpochMilli(((Number) r[6]).longValue()))).toList();
    }
}
