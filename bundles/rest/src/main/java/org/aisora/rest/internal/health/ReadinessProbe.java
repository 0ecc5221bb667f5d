package org.aisora.rest.internal.health;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.aisora.api.service.NodeState;
import org.aisora.api.service.PluginDirectory;
import org.aisora.rest.internal.app.AisoraApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

/**
 * Feeds {@link Readiness} from the running JAX-RS whiteboard. The whiteboard bumps its runtime service's
 * {@code service.changecount} after every change it has deployed; this component hears it through the
 * reference's {@code updated} callback and remembers when. No configuration on purpose (see OpenAiConfig:
 * a configured component under a resource makes the whiteboard rewire from two threads).
 */
@Component(service = ReadinessProbe.class)
public final class ReadinessProbe {
    private final PluginDirectory plugins;
    private final NodeState node;
    private final Clock clock;
    private volatile JaxrsServiceRuntime runtime;
    private volatile Instant lastChange;

    @Activate
    public ReadinessProbe(@Reference PluginDirectory plugins, @Reference NodeState node) {
        this(plugins, node, Clock.systemUTC());
    }

    public ReadinessProbe(PluginDirectory plugins, NodeState node, Clock clock) {
        this.plugins = plugins;
        this.node = node;
        this.clock = clock;
        this.lastChange = clock.instant();
    }

    public ReadinessView check() {
        JaxrsServiceRuntime current = runtime;
        RuntimeDTO dto = current == null ? null : current.getRuntimeDTO();
        Duration quiet = Duration.between(lastChange, clock.instant());
        return Readiness.evaluate(AisoraApplication.NAME, ExpectedResources.NAMES, dto,
                quiet.isNegative() ? Duration.ZERO : quiet, node.drainingSince(), plugins.health(), plugins.plugins());
    }

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY, updated = "runtimeChanged")
    void bindRuntime(JaxrsServiceRuntime r) {
        runtime = r;
        lastChange = clock.instant();
    }

    void runtimeChanged(JaxrsServiceRuntime r) {
        lastChange = clock.instant();
    }

    void unbindRuntime(JaxrsServiceRuntime r) {
        if (runtime == r) {
            runtime = null;
        }
        lastChange = clock.instant();
    }
}
