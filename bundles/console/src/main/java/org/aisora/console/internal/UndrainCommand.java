package org.aisora.console.internal;

import org.aisora.api.service.NodeState;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Ends {@code aisora:drain}: the node is ready again once the platform is up. */
@Service
@Command(scope = "aisora", name = "undrain", description = "Put this node back: readiness answers 200 again once the platform is up")
public final class UndrainCommand implements Action {
    @Reference
    NodeState node;

    @Override
    public Object execute() {
        node.resume();
        System.out.println(DrainCommand.describe(node));
        return null;
    }
}
