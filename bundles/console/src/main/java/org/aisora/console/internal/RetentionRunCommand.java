package org.aisora.console.internal;

import org.aisora.api.service.RetentionService;
import org.aisora.api.service.SweepReport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Runs the retention sweep now (or counts what it would delete) and prints the counts per kind. */
@Service
@Command(scope = "aisora", name = "retention-run", description = "Delete every expired item and its blob now")
public final class RetentionRunCommand implements Action {
    @Reference
    RetentionService retention;

    @Option(name = "--dry-run", description = "Count what would be deleted; delete nothing")
    boolean dryRun;

    @Option(name = "--reconcile", description = "Also delete blobs no row refers to (older than an hour) in every store")
    boolean reconcile;

    @Override
    public Object execute() {
        SweepReport report = retention.run(dryRun);
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column(dryRun ? "Would delete" : "Deleted").alignRight();
        table.column("Failed").alignRight();
        java.util.Set<String> kinds = new java.util.TreeSet<>(report.deleted().keySet());
        kinds.addAll(report.failed().keySet());
        for (String kind : kinds) {
            table.addRow().addContent(kind, report.deleted().getOrDefault(kind, 0L), report.failed().getOrDefault(kind, 0L));
        }
        table.print(System.out);
        report.problems().forEach(p -> System.out.println("problem: " + p));
        System.out.println((dryRun ? "dry run: " : "sweep: ") + report.total() + " item(s), "
                + report.rederived() + " expiries re-derived, " + report.durationMillis() + " ms");
        if (reconcile && !dryRun) {
            SweepReport orphans = retention.reconcile();
            orphans.problems().forEach(p -> System.out.println("problem: " + p));
            System.out.println("reconcile: " + orphans.total() + " orphan blob(s) deleted, "
                    + orphans.failed().values().stream().mapToLong(Long::longValue).sum() + " could not be");
        }
        return null;
    }
}
