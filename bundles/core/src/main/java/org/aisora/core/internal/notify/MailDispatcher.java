package org.aisora.core.internal.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.aisora.api.notify.Notification;
import org.aisora.api.notify.Notifier;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.store.OutboxMessage;
import org.aisora.api.store.OutboxStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.routing.Backoff;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.aisora.core.internal.thirdparty.ThirdPartyRecorder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox through the active notifier. Each pass claims due rows under a lease (status
 * sending), hands each to the notifier and marks it sent right after; a refusal (IOException) puts the row
 * back with a backoff until {@code mail_max_attempts}, then it is failed. Rows a stopped or dead node held
 * are sent again only once their lease has expired. Without a notifier nothing is claimed: mail waits.
 */
@Component(service = MailDispatcher.class, immediate = true, configurationPid = MailConfiguration.PID)
@Designate(ocd = MailConfiguration.class)
public final class MailDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
    private final OutboxStore outbox;
    private final Supplier<Optional<Notifier>> notifiers;
    private final Supplier<ThirdPartyRecorder> thirdParties;
    private final Clock clock;
    private final String node;
    private final int batch;
    private final Duration lease;
    /** A claimed row with less lease than this left is handed back rather than sent late (half the lease). */
    private final Duration margin;
    private final int maxAttempts;
    private final Backoff backoff;
    /** Where passes run (one at a time), when scheduled; null for tests that drive {@link #runOnce()}. */
    private final Lane lane;
    private final CoreScheduler.Periodic passes;
    /** Set when this dispatcher made its own scheduler (tests), which it then closes on stop. */
    private final CoreScheduler ownScheduler;
    private volatile boolean stopping;
    private volatile boolean dead;

    @Activate
    public MailDispatcher(@Reference OutboxStore outbox, @Reference PluginRegistry registry,
                          @Reference CoreScheduler scheduler, MailConfiguration config) {
        this(outbox, registry::notifier, registry::thirdParties, config, Clock.systemUTC(), scheduler, false);
    }

    /** @param schedule false for tests that drive {@link #runOnce()} themselves */
    public MailDispatcher(OutboxStore outbox, Supplier<Optional<Notifier>> notifiers, MailConfiguration config,
                          Clock clock, boolean schedule) {
        this(outbox, notifiers, () -> ThirdPartyRecorder.NONE, config, clock, schedule);
    }

    /** @param thirdParties where mail handed to a notifier with a third party (a relay) is recorded */
    public MailDispatcher(OutboxStore outbox, Supplier<Optional<Notifier>> notifiers,
                          Supplier<ThirdPartyRecorder> thirdParties, MailConfiguration config, Clock clock,
                          boolean schedule) {
        this(outbox, notifiers, thirdParties, config, clock, schedule ? new CoreScheduler() : null, true);
    }

    /** @param own whether the scheduler is this dispatcher's own (closed on stop) */
    private MailDispatcher(OutboxStore outbox, Supplier<Optional<Notifier>> notifiers,
                           Supplier<ThirdPartyRecorder> thirdParties, MailConfiguration config, Clock clock,
                           CoreScheduler scheduler, boolean own) {
        this.outbox = outbox;
        this.notifiers = notifiers;
        this.thirdParties = thirdParties;
        this.clock = clock;
        this.node = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        this.batch = Math.max(1, config.mail_batch());
        this.lease = Duration.ofSeconds(Math.max(5, config.mail_lease_seconds()));
        this.margin = lease.dividedBy(2);
        this.maxAttempts = Math.max(1, config.mail_max_attempts());
        this.backoff = new Backoff(Duration.ofSeconds(Math.max(1, config.mail_retry_base_seconds())),
                Duration.ofSeconds(Math.max(1, config.mail_retry_max_seconds())), RandomGenerator.getDefault());
        this.ownScheduler = own ? scheduler : null;
        if (scheduler != null) {
            this.lane = scheduler.lane("mail", 1, 1);
            this.passes = scheduler.every(lane, "mail outbox pass", Duration.ZERO,
                    Duration.ofMillis(Math.max(50, config.mail_interval_ms())), this::scan);
        } else {
            this.lane = null;
            this.passes = null;
        }
    }

    /** This dispatcher's claim owner name (a new one per start, so a restart is a new node). */
    public String node() {
        return node;
    }

    private void scan() {
        try {
            while (!stopping && runOnce() == batch) {
                // a full batch: more may be due, go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("mail outbox pass failed, will retry: {}", e.toString());
        }
    }

    /** One pass: claims up to a batch and delivers it. @return rows claimed */
    public int runOnce() {
        if (notifiers.get().isEmpty()) {
            return 0; // nothing installed to send with: rows stay queued, untouched
        }
        Instant now = clock.instant();
        List<OutboxMessage> claimed = outbox.claim(node, now, now.plus(lease), batch);
        for (OutboxMessage m : claimed) {
            if (dead) {
                break; // killed: nothing more happens, as when the process is gone
            }
            Optional<Notifier> notifier = notifiers.get();
            if (stopping || Thread.currentThread().isInterrupted() || notifier.isEmpty()
                    || !clock.instant().isBefore(m.claimUntil().minus(margin))) {
                outbox.release(m.id(), node);
                continue;
            }
            deliver(notifier.get(), m);
        }
        return claimed.size();
    }

    private void deliver(Notifier notifier, OutboxMessage m) {
        try {
            thirdParties.get().sent(m.accountId(), PluginFamily.NOTIFIER, notifier);
            notifier.send(new Notification(m.recipient(), m.subject(), m.body()));
        } catch (IOException | RuntimeException e) {
            String error = describe(e);
            // a message the notifier calls malformed will not improve with time
            if (e instanceof IllegalArgumentException || m.attempts() >= maxAttempts) {
                outbox.markFailed(m.id(), node, error);
                LOG.warn("mail {} failed after {} attempt(s): {}", m.id(), m.attempts(), error);
            } else {
                outbox.retryLater(m.id(), node, clock.instant().plus(retryDelay(m.attempts())), error);
            }
            return;
        }
        // The window: a crash between the notifier's acceptance and this update sends the row again
        // after its lease expires. It is one statement long, so it is kept as small as it can be.
        if (!outbox.markSent(m.id(), node, clock.instant())) {
            LOG.warn("mail {} was sent after its lease passed to another node; it may arrive twice", m.id());
        }
    }

    /** Half the attempt's ceiling plus up to half again at random: never zero, so a failing batch cannot spin. */
    private Duration retryDelay(int attempt) {
        return backoff.ceiling(attempt).dividedBy(2).plus(backoff.delay(attempt).dividedBy(2));
    }

    /** The exception's kind and first line, bounded: notifiers never put credentials in their messages. */
    static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("[\\r\\n\\t]+", " ");
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Deactivate
    public void stop() throws InterruptedException {
        stopping = true;
        if (lane != null) {
            passes.cancel();
            lane.shutdown();
            if (!lane.awaitTermination(10, TimeUnit.SECONDS)) {
                lane.shutdownNow();
            }
        }
        closeOwnScheduler();
    }

    /** Stops at once, like a node that dies: claimed rows stay claimed until their lease expires. */
    public void kill() {
        dead = true;
        stopping = true;
        if (lane != null) {
            passes.cancel();
            lane.shutdownNow();
        }
        closeOwnScheduler();
    }

    private void closeOwnScheduler() {
        if (ownScheduler != null) {
            ownScheduler.close();
        }
    }
}
