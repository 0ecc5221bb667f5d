package org.aisora.console.internal;

import java.util.List;
import java.util.Map;
import org.aisora.api.service.PluginDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Shows the routing order per generation type, or replaces one type's order at runtime. */
@Service
@Command(scope = "aisora", name = "route",
        description = "Show routing orders, or set one: aisora:route text-to-image openai builtin (no ids clears it)")
public final class RouteCommand implements Action {
    @Reference
    PluginDirectory directory;

    @Argument(index = 0, name = "type", description = "text-to-image, image-to-image, text-to-video, image-to-video or upscale")
    String type;

    @Argument(index = 1, name = "providers", description = "provider ids, tried in this order before the rest",
            multiValued = true)
    List<String> providers;

    @Override
    public Object execute() {
        if (type != null) {
            directory.setRoutingOrder(type, providers == null ? List.of() : providers);
            System.out.println("routing of " + type + " set to "
                    + (providers == null || providers.isEmpty() ? "ranking only" : String.join(", ", providers))
                    + " (saved in etc/org.aisora.core.plugins.cfg; applies to the next job)");
            return null;
        }
        Map<String, List<String>> order = directory.routingOrder();
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Configured order (then the rest by ranking; offline and open circuits skipped)");
        for (String t : List.of("text-to-image", "image-to-image", "text-to-video", "image-to-video", "upscale")) {
            List<String> ids = order.get(t);
            table.addRow().addContent(t, ids == null ? "(ranking)" : String.join(", ", ids));
        }
        table.print(System.out);
        return null;
    }
}
