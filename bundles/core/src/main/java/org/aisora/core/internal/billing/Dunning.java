package org.aisora.core.internal.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.aisora.api.service.MailOutbox;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.BillingStore;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed renewal and a downgrade, after billing applied them. A subscription past due or paused keeps its paid
 * plan for {@code dunning.grace.days} from its first failure (EventApplier decides that on each event); a periodic
 * check on the core scheduler downgrades the accounts whose grace ran out while no event came. Every plan change
 * re-derives the account's expiries, with the downgrade grace as a floor. The user is told, through the mail outbox,
 * once per transition: when a renewal fails (the plan is kept until a date) and when the account is downgraded
 * (items are kept at least until a date). The grace periods are read from the plans ({@link Plans}) at each use.
 */
@Component(service = Dunning.class, immediate = true)
public final class Dunning implements BillingServiceImpl.Effects {
    private static final Logger LOG = LoggerFactory.getLogger(Dunning.class);
    static final Duration CHECK_EVERY = Duration.ofMinutes(10);
    /** Accounts looked at per check; a longer backlog is worked off at the next ones. */
    static final int PAGE = 500;
    /**
     * A notice lost between an event's commit and its queueing (a crash) is queued by the check within this
     * window; later, the sent notice may have left the outbox (its retention) and its dedupe key with it.
     */
    static final Duration RECOVER_NOTICES = Duration.ofDays(1);

    private final BillingStore billing;
    private final AccountStore accounts;
    private final Supplier<Duration> dunningGrace;
    private final Supplier<Duration> downgradeGrace;
    private final RetentionSweeper retention;
    private final DunningNotices notices;
    private final Clock clock;
    private final CoreScheduler scheduler;
    private Lane lane;
    private CoreScheduler.Periodic checks;

    @Activate
    public Dunning(@Reference BillingStore billing, @Reference AccountStore accounts, @Reference Plans plans,
                   @Reference RetentionSweeper retention, @Reference MailOutbox outbox,
                   @Reference CoreScheduler scheduler) {
        this(billing, accounts, plans::dunningGrace, plans::downgradeGrace, retention, outbox, Clock.systemUTC(),
                scheduler);
        lane = scheduler.lane("dunning", 1, 1);
        checks = scheduler.every(lane, "dunning check", CHECK_EVERY, CHECK_EVERY, this::scheduledCheck);
    }

    private Dunning(BillingStore billing, AccountStore accounts, Supplier<Duration> dunningGrace,
                    Supplier<Duration> downgradeGrace, RetentionSweeper retention, MailOutbox outbox, Clock clock,
                    CoreScheduler scheduler) {
        this.billing = billing;
        this.accounts = accounts;
        this.dunningGrace = dunningGrace;
        this.downgradeGrace = downgradeGrace;
        this.retention = retention;
        this.notices = new DunningNotices(outbox);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** For tests: nothing is scheduled, {@link #check()} runs when the test calls it. */
    public static Dunning unscheduled(BillingStore billing, AccountStore accounts, Plans plans,
                                      RetentionSweeper retention, MailOutbox outbox, Clock clock) {
        return new Dunning(billing, accounts, plans::dunningGrace, plans::downgradeGrace, retention, outbox, clock,
                null);
    }

    @Deactivate
    public synchronized void stop() {
        if (checks != null) {
            checks.cancel();
        }
        if (lane != null) {
            lane.shutdownNow();
        }
    }

    /** How long a subscription past due or paused keeps its plan. */
    Duration grace() {
        return dunningGrace.get();
    }

    @Override
    public boolean shorter(String to, String from) {
        return retention.retention(to).compareTo(retention.retention(from)) < 0;
    }

    /** After an account's plan changed: expiries follow (floored after a downgrade), the user is told. */
    @Override
    public void planChanged(String accountId, String from, String to) {
        retention.planChanged(accountId, to);
        if (shorter(to, from)) {
            Instant changed = billing.downgradedAt(accountId).orElseGet(clock::instant);
            Instant keptUntil = changed.plus(downgradeGrace.get());
            account(accountId).ifPresent(a -> notices.downgraded(a, from, to, changed, keptUntil));
        }
    }

    /** After an event was applied: a subscription in dunning, within its grace, gets its notice (once). */
    @Override
    public void eventApplied(String accountId) {
        billing.dunningSince(accountId).ifPresent(since -> failed(accountId, since, clock.instant()));
    }

    private void failed(String accountId, Instant since, Instant now) {
        Instant until = since.plus(grace());
        if (now.isBefore(until)) {
            account(accountId).ifPresent(a -> notices.paymentFailed(a, since, until));
        }
    }

    private java.util.Optional<AccountRecord> account(String accountId) {
        return accounts.findById(accountId);
    }

    private void scheduledCheck() {
        int n = check();
        if (n > 0) {
            LOG.info("dunning: {} account(s) downgraded, their grace ran out", n);
        }
    }

    /**
     * Downgrades the accounts whose subscription is still past due or paused once the grace ran out, and queues
     * the failure notices that a crash may have lost. @return accounts downgraded
     */
    public int check() {
        Instant now = clock.instant();
        int downgraded = 0;
        for (BillingStore.Dunning d : billing.dunning(EventApplier.FREE, PAGE)) {
            if (now.isBefore(d.since().plus(grace()))) {
                if (d.since().isAfter(now.minus(RECOVER_NOTICES))) {
                    failed(d.accountId(), d.since(), now);
                }
                continue;
            }
            String from = account(d.accountId()).map(AccountRecord::plan).orElse(null);
            // conditional on the mark: an event that recovered or ended the subscription meanwhile wins
            if (billing.endDunningGrace(d.accountId(), d.since(), EventApplier.FREE, now) && from != null) {
                planChanged(d.accountId(), from, EventApplier.FREE);
                downgraded++;
            }
        }
        return downgraded;
    }
}
