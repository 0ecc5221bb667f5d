package org.aisora.core.internal.billingclosure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.core.internal.routing.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an erased account's billing at its processors, durably: each processor customer is a row of the
 * billing closure queue, queued before the billing rows are pseudonymised, that outlives the account. A row
 * is run only under a claim (a lease in the row), so two nodes never run one row at once; each run asks the
 * processor to cancel the customer's subscriptions and delete the customer with the row's stored idempotency
 * key, the same on every retry. A failure puts the row back with exponential backoff (with jitter) until
 * {@code max_attempts}; a processor that is not installed leaves it pending, uncounted.
 */
public final class BillingClosures {
    private static final Logger LOG = LoggerFactory.getLogger(BillingClosures.class);
    static final String NOT_INSTALLED = "processor_not_installed";
    static final String UNEXPECTED = "processor_error";
    static final String UNSUPPORTED = "unsupported";

    private final BillingClosureStore store;
    private final Function<String, Optional<PaymentProcessor>> processors;
    private final Clock clock;
    private final String node;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration longest;
    private final Backoff backoff;

    public BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                           BillingClosureConfig config, Clock clock) {
        this(store, processors, clock, Duration.ofSeconds(config.lease_seconds()),
                Duration.ofSeconds(config.retry_base_seconds()), Duration.ofSeconds(config.retry_max_seconds()),
                config.max_attempts());
    }

    /** With the configuration's defaults: what an erasure's own first attempt uses when it fails. */
    public BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                           Clock clock) {
        this(store, processors, clock, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofHours(6), 20);
    }

    private BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                            Clock clock, Duration lease, Duration base, Duration longest, int maxAttempts) {
        this.store = store;
        this.processors = processors;
        this.clock = clock;
        this.node = "bclose-" + UUID.randomUUID().toString().substring(0, 8);
        this.lease = lease.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : lease;
        this.maxAttempts = Math.max(1, maxAttempts);
        Duration first = base.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : base;
        this.longest = longest.compareTo(first) < 0 ? first : longest;
        this.backoff = new Backoff(first, this.longest, RandomGenerator.getDefault());
    }

    /** Queues the closure of one processor customer. @return the row (new, or queued before for it) */
    public BillingClosureRecord queue(String processor, String customerId) {
        return store.enqueue(BillingClosureRecord.queued(UUID.randomUUID().toString(), processor, customerId,
                clock.instant()));
    }

    /**
     * Runs one row now if it is due and no node holds it (an erasure tries at once, so its receipt can often
     * say done). @return the row as it is afterwards
     */
    public BillingClosureRecord tryNow(BillingClosureRecord row) {
        Instant now = clock.instant();
        Optional<BillingClosureRecord> claimed = store.claim(row.id(), node, now, now.plus(lease));
        if (claimed.isPresent()) {
            try {
                attempt(claimed.get());
            } catch (RuntimeException e) { // the store: the lease runs out and the worker tries again
                LOG.warn("billing closure {} not settled: {}", row.id(), e.toString());
            }
        }
        return store.find(row.processor(), row.customerId()).orElse(row);
    }

    /** One pass: claims up to {@code batch} due rows and runs each. @return rows claimed */
    public int runOnce(int batch) {
        Instant now = clock.instant();
        List<BillingClosureRecord> claimed = store.claim(node, now, now.plus(lease), batch);
        for (BillingClosureRecord row : claimed) {
            try {
                attempt(row);
            } catch (RuntimeException e) {
                LOG.warn("billing closure {} not settled: {}", row.id(), e.toString());
            }
        }
        return claimed.size();
    }

    private void attempt(BillingClosureRecord row) {
        Optional<PaymentProcessor> processor = processors.apply(row.processor());
        if (processor.isEmpty()) {
            store.postpone(row.id(), node, clock.instant().plus(longest), NOT_INSTALLED, clock.instant());
            return;
        }
        String error;
        try {
            BillingClosure done = processor.get().closeCustomer(row.customerId(), row.idempotencyKey());
            store.markDone(row.id(), node, done.canceledSubscriptions().size(), done.customerDeleted(), clock.instant());
            return;
        } catch (PaymentException e) {
            error = e.code() == null || e.code().length() > 100 ? UNEXPECTED : e.code();
        } catch (RuntimeException e) {
            error = UNEXPECTED; // a code only: a plugin's message may quote what it was sent
        }
        Instant now = clock.instant();
        // a processor without closeCustomer will not have it on the next try either: failed at once, for an operator
        if (row.attempts() >= maxAttempts || UNSUPPORTED.equals(error)) {
            store.markFailed(row.id(), node, error, now);
            LOG.warn("billing closure {} at {} failed after {} attempts: {}", row.id(), row.processor(),
                    row.attempts(), error);
        } else {
            store.retryLater(row.id(), node, now.plus(retryDelay(row.attempts())), error, now);
        }
    }

    /** Half the attempt's ceiling plus up to half again at random: never zero, so a failing batch cannot spin. */
    Duration retryDelay(int attempt) {
        return backoff.ceiling(attempt).dividedBy(2).plus(backoff.delay(attempt).dividedBy(2));
    }
}
