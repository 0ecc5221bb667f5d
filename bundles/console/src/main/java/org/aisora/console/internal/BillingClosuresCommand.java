package org.aisora.console.internal;

import org.aisora.api.service.BillingClosureService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The billing closure queue of erased accounts: rows per status; {@code --run} does a pass first. */
@Service
@Command(scope = "aisora", name = "billing-closures",
        description = "Show the ending of erased accounts' billing at payment processors: rows per status")
public final class BillingClosuresCommand implements Action {
    @Reference
    BillingClosureService closures;

    @Option(name = "--run", description = "Run one pass of the queue now, before showing it")
    boolean run;

    @Override
    public Object execute() {
        if (run) {
            System.out.println("tried " + closures.runNow() + " row(s)");
        }
        System.out.println(VendorDeletionsCommand.summary(closures.counts()));
        return null;
    }
}
