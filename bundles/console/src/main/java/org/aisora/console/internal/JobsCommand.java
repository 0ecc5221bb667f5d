package org.aisora.console.internal;

import org.aisora.api.service.GenerationService;
import org.aisora.api.service.GenerationView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Recent generation jobs of every account (prompts are not shown: they are the users' content). */
@Service
@Command(scope = "aisora", name = "jobs", description = "List recent generation jobs")
public final class JobsCommand implements Action {
    @Reference
    GenerationService generations;

    @Option(name = "--limit", description = "Show at most this many jobs")
    int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Type");
        table.column("Status");
        table.column("Provider");
        table.column("Cost");
        table.column("Error");
        table.column("Created");
        for (GenerationView j : generations.recent(limit)) {
            table.addRow().addContent(j.id(), j.type(), j.status(), j.provider(), j.cost(),
                    j.error() == null ? "" : j.error().code(), j.createdAt());
        }
        table.print(System.out);
        return null;
    }
}
