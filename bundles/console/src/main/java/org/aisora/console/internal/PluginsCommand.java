package org.aisora.console.internal;

import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.PluginDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Every plugin the core has discovered, by family, with health. */
@Service
@Command(scope = "aisora", name = "plugins", description = "List registered plugins by family, id and health")
public final class PluginsCommand implements Action {
    @Reference
    PluginDirectory directory;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Family");
        table.column("Id");
        table.column("Health");
        table.column("Ranking");
        table.column("Active");
        table.column("Reason");
        for (PluginInfo p : directory.plugins()) {
            table.addRow().addContent(p.family().wireName(), p.id(), p.health().status(), p.ranking(),
                    p.active() ? "yes" : "no", p.health().reason());
        }
        table.print(System.out);
        System.out.println("platform: " + directory.health().status());
        return null;
    }
}
