package org.aisora.core.internal.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Claim → run → settle for a durable leased queue (vendor deletions, billing closures). Rows are run only
 * under a claim (a lease in the row), so two nodes never run one row at once. A failed attempt puts the row
 * back with exponential backoff until the policy's max attempts, then it is failed; a plugin that is not
 * installed leaves the row pending, uncounted, for the next try after the longest backoff. A store failure
 * while settling leaves the row to its lease: once that runs out the row is tried again.
 */
public final class QueueRunner<R> {
    private final String noun;
    private final QueueStore<R> store;
    private final QueueWork<R> queue;
    private final QueuePolicy policy;
    private final Clock clock;
    private final Logger log;
    private final String node;

    /**
     * @param noun       what a row is called in log lines, e.g. "vendor deletion"
     * @param nodePrefix this runner's claims are made as {@code nodePrefix-<random>}
     * @param log        the queue's own logger, so its lines keep its name
     */
    public QueueRunner(String noun, String nodePrefix, QueueStore<R> store, QueueWork<R> queue, QueuePolicy policy,
                       Clock clock, Logger log) {
        this.noun = noun;
        this.store = store;
        this.queue = queue;
        this.policy = policy;
        this.clock = clock;
        this.log = log;
        this.node = nodePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The name this runner claims rows as. */
    public String node() {
        return node;
    }

    /** When a claim made now runs out. */
    public Instant leaseUntil(Instant now) {
        return now.plus(policy.lease());
    }

    /** One pass: claims up to {@code batch} due rows and runs each. @return rows claimed */
    public int runOnce(int batch) {
        Instant now = clock.instant();
        List<R> claimed = store.claim().claim(node, now, leaseUntil(now), batch);
        claimed.forEach(this::run);
        return claimed.size();
    }

    /** Runs one row this runner has claimed, and settles it. */
    public void run(R row) {
        try {
            attempt(row);
        } catch (RuntimeException e) { // the store: the row's lease runs out and it is tried again
            log.warn("{} {} not settled: {}", noun, queue.id(row), e.toString());
        }
    }

    private void attempt(R row) {
        Optional<QueueWork.Work> work = queue.work(row, node);
        if (work.isEmpty()) {
            store.postpone().apply(queue.id(row), node, clock.instant().plus(policy.longest()), queue.notInstalled(),
                    clock.instant());
            return;
        }
        String error;
        try {
            work.get().run();
            return;
        } catch (Exception e) { // a code only: a plugin's message may quote what it was sent
            error = queue.errorCode(e);
        }
        Instant now = clock.instant();
        int attempts = queue.attempts(row);
        if (attempts >= policy.maxAttempts() || queue.givesUp(error)) {
            store.markFailed().apply(queue.id(row), node, error, now);
            log.warn("{} {} at {} failed after {} attempts: {}", noun, queue.id(row), queue.target(row), attempts,
                    error);
        } else {
            store.retryLater().apply(queue.id(row), node, now.plus(policy.retryDelay(attempts)), error, now);
        }
    }
}
