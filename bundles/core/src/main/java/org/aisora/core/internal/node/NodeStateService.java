package org.aisora.core.internal.node;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aisora.api.service.NodeState;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's draining flag, in memory. It also drains by itself when the framework (a Karaf shutdown) or the
 * core bundle begins to stop: a synchronous listener sees STOPPING before the framework stops any other bundle
 * and before the core's components are deactivated, so readiness turns 503 before work is released.
 */
@Component(service = {NodeState.class, NodeStateService.class}, immediate = true,
        configurationPid = NodeConfiguration.PID)
@Designate(ocd = NodeConfiguration.class)
public final class NodeStateService implements NodeState {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStateService.class);

    private final Clock clock;
    private final String nodeId;
    private final AtomicReference<Instant> drainingSince = new AtomicReference<>();
    private BundleContext context;
    private SynchronousBundleListener stopping;

    private NodeStateService(Clock clock, String nodeId) {
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Outside OSGi (tests): no bundle listener; a factory, so DS sees one constructor of its length. */
    public static NodeStateService onClock(Clock clock) {
        return new NodeStateService(clock, NodeIds.resolve(""));
    }

    @Activate
    public NodeStateService(BundleContext context, NodeConfiguration config) {
        this(Clock.systemUTC(), NodeIds.resolve(config.node_id()));
        this.context = context;
        long self = context.getBundle().getBundleId();
        this.stopping = event -> {
            long id = event.getBundle().getBundleId();
            if (event.getType() == BundleEvent.STOPPING && (id == 0 || id == self)) {
                drain();
            }
        };
        context.addBundleListener(stopping);
    }

    /**
     * This node's id in the leases it holds (jobs, video processing): {@code node.id}, or a random id per start.
     * Read once: one id for the whole process, so an edit applies at the next start.
     */
    public String nodeId() {
        return nodeId;
    }

    /** An edit of {@code node.id} applies at the next start; it must not drain the node now. */
    @Modified
    void modified(NodeConfiguration config) {
        if (!NodeIds.resolve(config.node_id()).equals(nodeId) && !config.node_id().isBlank()) {
            LOG.info("node.id changes to {} with the next start; this node stays {}", config.node_id(), nodeId);
        }
    }

    @Deactivate
    void deactivate() {
        drain();
        if (context != null) {
            try {
                context.removeBundleListener(stopping);
            } catch (IllegalStateException e) {
                // the bundle is already stopping: its listeners go with it
            }
        }
    }

    @Override
    public Optional<Instant> drainingSince() {
        return Optional.ofNullable(drainingSince.get());
    }

    @Override
    public void drain() {
        if (drainingSince.compareAndSet(null, clock.instant())) {
            LOG.info("node draining: readiness answers 503 from now on");
        }
    }

    @Override
    public void resume() {
        if (drainingSince.getAndSet(null) != null) {
            LOG.info("node serving again: draining ended");
        }
    }
}
