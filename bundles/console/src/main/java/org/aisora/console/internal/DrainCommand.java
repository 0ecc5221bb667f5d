package org.aisora.console.internal;

import org.aisora.api.service.NodeState;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Turns this node not-ready (GET /health/ready answers 503 draining) so a load balancer stops sending it work. */
@Service
@Command(scope = "aisora", name = "drain", description = "Take this node out of the load balancer: readiness answers 503 draining")
public final class DrainCommand implements Action {
    @Reference
    NodeState node;

    @Override
    public Object execute() {
        node.drain();
        System.out.println(describe(node));
        return null;
    }

    static String describe(NodeState node) {
        return node.drainingSince().map(since -> "draining since " + since + ": /health/ready answers 503")
                .orElse("serving: /health/ready answers 200 once the platform is up");
    }
}
