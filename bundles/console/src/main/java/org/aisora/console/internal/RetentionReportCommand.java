package org.aisora.console.internal;

import java.time.Duration;
import java.util.Map;
import org.aisora.api.service.RetentionService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** What the sweeper will delete in the coming hours, per kind, and how the last sweep went. */
@Service
@Command(scope = "aisora", name = "retention-report", description = "Show what expires in the next 24 hours, per kind")
public final class RetentionReportCommand implements Action {
    @Reference
    RetentionService retention;

    @Option(name = "--hours", description = "How far ahead to look (default 24)")
    int hours = 24;

    @Override
    public Object execute() {
        if (hours < 1 || hours > 24 * 366) {
            System.err.println("--hours must be between 1 and " + 24 * 366);
            return null;
        }
        Map<String, Long> upcoming = retention.upcoming(Duration.ofHours(hours));
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Expiring in " + hours + " h").alignRight();
        upcoming.forEach((kind, n) -> table.addRow().addContent(kind, n));
        table.print(System.out);
        retention.lastRun().ifPresentOrElse(r -> System.out.println("last sweep: " + r.startedAt() + ", deleted "
                        + r.total() + ", failed " + r.failed().values().stream().mapToLong(Long::longValue).sum()
                        + ", " + r.durationMillis() + " ms"),
                () -> System.out.println("last sweep: none since this node started"));
        return null;
    }
}
