package org.aisora.core.internal.billingclosure;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.core.internal.queue.QueuePolicy;
import org.aisora.core.internal.queue.QueueRunner;
import org.aisora.core.internal.queue.QueueStore;
import org.aisora.core.internal.queue.QueueWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an erased account's billing at its processors, durably: each processor customer is a row of the
 * billing closure queue, queued before the billing rows are pseudonymised, that outlives the account. A row
 * is run only under a claim (a lease in the row), so two nodes never run one row at once; each run asks the
 * processor to cancel the customer's subscriptions and delete the customer with the row's stored idempotency
 * key, the same on every retry. A failure puts the row back with exponential backoff (with jitter) until
 * {@code max_attempts}; a processor that is not installed leaves it pending, uncounted (see {@link QueueRunner}).
 */
public final class BillingClosures {
    private static final Logger LOG = LoggerFactory.getLogger(BillingClosures.class);
    static final String NOT_INSTALLED = "processor_not_installed";
    static final String UNEXPECTED = "processor_error";
    static final String UNSUPPORTED = "unsupported";

    private final BillingClosureStore store;
    private final Clock clock;
    private final QueueRunner<BillingClosureRecord> runner;

    public BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                           BillingClosureConfig config, Clock clock) {
        this(store, processors, clock, new QueuePolicy(config.batch(), config.lease_seconds(),
                config.retry_base_seconds(), config.retry_max_seconds(), config.max_attempts()));
    }

    /** With the configuration's defaults: what an erasure's own first attempt uses when it fails. */
    public BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                           Clock clock) {
        this(store, processors, clock, new QueuePolicy(20, 300, 60, 21600, 20));
    }

    private BillingClosures(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                            Clock clock, QueuePolicy policy) {
        this.store = store;
        this.clock = clock;
        this.runner = new QueueRunner<>("billing closure", "bclose",
                new QueueStore<>(store::claim, store::retryLater, store::markFailed, store::postpone),
                new Closure(store, processors, clock), policy, clock, LOG);
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
        store.claim(row.id(), runner.node(), now, runner.leaseUntil(now)).ifPresent(runner::run);
        return store.find(row.processor(), row.customerId()).orElse(row);
    }

    /** One pass: claims up to {@code batch} due rows and runs each. @return rows claimed */
    public int runOnce(int batch) {
        return runner.runOnce(batch);
    }

    /** One row's work: the processor closes the customer, then the row is marked done with what it did. */
    private record Closure(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                           Clock clock) implements QueueWork<BillingClosureRecord> {
        @Override
        public Optional<Work> work(BillingClosureRecord row, String node) {
            return processors.apply(row.processor()).map(processor -> () -> {
                BillingClosure done = processor.closeCustomer(row.customerId(), row.idempotencyKey());
                store.markDone(row.id(), node, done.canceledSubscriptions().size(), done.customerDeleted(),
                        clock.instant());
            });
        }

        @Override
        public String errorCode(Exception e) {
            return e instanceof PaymentException p ? QueueWork.code(p.code(), UNEXPECTED) : UNEXPECTED;
        }

        /** A processor without closeCustomer will not have it on the next try either: failed now, for an operator. */
        @Override
        public boolean givesUp(String errorCode) {
            return UNSUPPORTED.equals(errorCode);
        }

        @Override
        public String notInstalled() {
            return NOT_INSTALLED;
        }

        @Override
        public String id(BillingClosureRecord row) {
            return row.id();
        }

        @Override
        public int attempts(BillingClosureRecord row) {
            return row.attempts();
        }

        @Override
        public String target(BillingClosureRecord row) {
            return row.processor();
        }
    }
}
