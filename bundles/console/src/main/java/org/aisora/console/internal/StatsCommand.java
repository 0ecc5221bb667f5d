package org.aisora.console.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.aisora.api.service.AnalyticsService;
import org.aisora.api.service.StatsView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Aggregated, anonymous usage per day (cells made by fewer than k users are withheld). */
@Service
@Command(scope = "aisora", name = "stats", description = "Show daily usage counters (anonymous, k-suppressed)")
public final class StatsCommand implements Action {
    @Reference
    AnalyticsService analytics;

    @Option(name = "--days", description = "How many days back from today (default 7, at most 366)")
    int days = 7;

    @Override
    public Object execute() {
        if (days < 1 || days > 366) {
            System.err.println("--days must be between 1 and 366");
            return null;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StatsView stats = analytics.stats(today.minusDays(days - 1L), today);
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Day", "Feature", "Type", "Provider", "Outcome", "Error", "Events", "Users", "Avg ms"}) {
            table.column(c);
        }
        for (StatsView.Row r : stats.rows()) {
            table.addRow().addContent(r.day(), r.feature(), r.type(), r.provider(), r.outcome(), r.errorCode(),
                    r.events(), r.users(), r.averageLatencyMs());
        }
        table.print(System.out);
        System.out.println(stats.suppressed() + " cell(s) withheld (fewer than " + stats.k() + " users)");
        return null;
    }
}
