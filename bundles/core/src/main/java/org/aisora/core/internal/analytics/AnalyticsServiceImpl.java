package org.aisora.core.internal.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AnalyticsService;
import org.aisora.api.service.PluginDirectory;
import org.aisora.api.service.RetentionService;
import org.aisora.api.service.StatsView;
import org.aisora.api.store.UsageStore;
import org.aisora.api.store.UsageStore.Cell;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Daily counters with k-anonymity on read: a cell made by fewer than {@code analytics.k} distinct users
 * is withheld (and counted as suppressed), so no row of the statistics points at a person.
 */
@Component(service = AnalyticsService.class, configurationPid = AnalyticsConfiguration.PID)
@Designate(ocd = AnalyticsConfiguration.class)
public final class AnalyticsServiceImpl implements AnalyticsService {
    static final int MAX_DAYS = 366;

    private final UsageStore usage;
    private final RetentionService retention;
    private final PluginDirectory plugins;
    private final ModerationCounters moderation;
    private final Clock clock;
    /** Null in tests that build the service without the core's threads. */
    private final CoreScheduler scheduler;
    private volatile int k;

    @Activate
    public AnalyticsServiceImpl(@Reference UsageStore usage, @Reference RetentionService retention,
                                @Reference PluginDirectory plugins, @Reference ModerationCounters moderation,
                                @Reference CoreScheduler scheduler, AnalyticsConfiguration config) {
        this(usage, retention, plugins, moderation, config, Clock.systemUTC(), scheduler);
    }

    /** @param scheduler null outside OSGi (tests): no lanes in the metrics then */
    public AnalyticsServiceImpl(UsageStore usage, RetentionService retention, PluginDirectory plugins,
                                ModerationCounters moderation, AnalyticsConfiguration config, Clock clock,
                                CoreScheduler scheduler) {
        this.scheduler = scheduler;
        this.moderation = moderation;
        this.usage = usage;
        this.retention = retention;
        this.plugins = plugins;
        this.clock = clock;
        this.k = Math.max(1, config.analytics_k());
    }

    /** An edit of {@code analytics.k} applies to the next read; the service stays registered. */
    @Modified
    void modified(AnalyticsConfiguration config) {
        this.k = Math.max(1, config.analytics_k());
    }

    @Override
    public StatsView stats(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw AisoraException.badRequest("invalid_range", "from and to are days (yyyy-mm-dd), from <= to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw AisoraException.badRequest("invalid_range", "at most " + MAX_DAYS + " days at once");
        }
        List<Cell> cells = new ArrayList<>(usage.rolledUp(from, to));
        LocalDate live = usage.lastRolledUp().map(d -> d.plusDays(1)).orElse(from);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (LocalDate day = live.isBefore(from) ? from : live; !day.isAfter(to) && !day.isAfter(today);
             day = day.plusDays(1)) {
            cells.addAll(usage.live(day));
        }
        List<StatsView.Row> rows = new ArrayList<>();
        int suppressed = 0;
        for (Cell c : cells) {
            if (c.users() < k) {
                suppressed++;
                continue;
            }
            rows.add(new StatsView.Row(c.day().toString(), c.feature(), c.type(), c.provider(), c.outcome(),
                    c.errorCode(), c.events(), c.users(), c.events() == 0 ? 0 : c.latencyMsSum() / c.events()));
        }
        return new StatsView(from.toString(), to.toString(), k, rows, suppressed);
    }

    @Override
    public int rollUp() {
        return Rollups.rollUp(usage, clock);
    }

    @Override
    public String prometheus() {
        return PrometheusText.render(usage.jobsByStatus(), plugins.plugins(), retention.lastRun())
                + PrometheusText.moderation(moderation)
                + (scheduler == null ? "" : PrometheusText.lanes(scheduler.lanes()));
    }
}
