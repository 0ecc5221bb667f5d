package org.aisora.console.internal;

import java.util.ArrayList;
import java.util.List;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.PluginDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Every plugin the core has discovered, by family, with health and, for providers, whether the vendor may train
 * on content (and so whether jobs are routed to it), with the vendor terms that statement rests on.
 */
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
        table.column("Trains on content");
        table.column("Reason");
        List<String> sources = new ArrayList<>();
        for (PluginInfo p : directory.plugins()) {
            table.addRow().addContent(p.family().wireName(), p.id(), p.health().status(), p.ranking(),
                    p.active() ? "yes" : "no", training(p.training()), p.health().reason());
            if (p.training() != null) {
                sources.add("training " + p.id() + ": " + p.training().source());
            }
        }
        table.print(System.out);
        sources.forEach(System.out::println);
        System.out.println("platform: " + directory.health().status());
        return null;
    }

    /** e.g. {@code no}, {@code unknown: not routed}, {@code yes: routed (no-training agreement)}. */
    static String training(PluginInfo.Training t) {
        if (t == null) {
            return "";
        }
        if (t.trainsOnContent().equals("no")) {
            return "no";
        }
        return t.trainsOnContent() + (t.routed() ? ": routed (" + t.agreement() + " agreement)"
                : ": not routed (set training.agreement=no-training)");
    }
}
