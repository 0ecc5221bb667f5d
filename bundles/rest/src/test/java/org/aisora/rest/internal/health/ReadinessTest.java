package org.aisora.rest.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.aisora.api.plugin.PluginFamily;
import org.junit.jupiter.api.Test;
import org.osgi.service.jaxrs.runtime.dto.DTOConstants;

/** Each reason a node is not ready, named in the answer; and ready only when nothing is missing. */
class ReadinessTest {
    private final Platform platform = new Platform();
    private Duration quiet = Duration.ofSeconds(10);
    private boolean noRuntime;

    private ReadinessView evaluate() {
        return Readiness.evaluate("aisora", ExpectedResources.NAMES, noRuntime ? null : platform.runtimeDto(), quiet,
                platform.node.drainingSince(), platform.health(), platform.plugins());
    }

    @Test
    void aCompletePlatformIsReady() {
        ReadinessView view = evaluate();
        assertEquals("ready", view.status());
        assertEquals(List.of(), view.missing());
        assertEquals("17/17", view.checks().get("resources"));
        assertEquals("storage-one", view.checks().get("storage"));
        assertEquals("serving", view.checks().get("node"));
        assertTrue(view.ready());
    }

    @Test
    void aResourceNotYetDeployedIsNamed() {
        platform.deployed.remove("aisora.accounts");
        ReadinessView view = evaluate();
        assertEquals("not_ready", view.status());
        assertEquals(List.of("resource:aisora.accounts"), view.missing());
        assertEquals("16/17", view.checks().get("resources"));
    }

    @Test
    void aFailedResourceIsNamedWithTheWhiteboardsReason() {
        platform.deployed.remove("aisora.generations");
        platform.failed.put("aisora.generations", DTOConstants.FAILURE_REASON_REQUIRED_EXTENSIONS_UNAVAILABLE);
        assertEquals(List.of("resource:aisora.generations (required extensions unavailable)"), evaluate().missing());
    }

    @Test
    void withoutTheApplicationNothingIsDeployed() {
        noRuntime = true;
        ReadinessView view = evaluate();
        assertEquals("not_ready", view.status());
        assertEquals("no JAX-RS runtime", view.checks().get("application"));
        assertEquals("application:aisora", view.missing().get(0));
        assertEquals(1 + ExpectedResources.NAMES.size(), view.missing().size());
    }

    @Test
    void aWhiteboardThatJustChangedIsSettling() {
        quiet = Duration.ofMillis(300);
        ReadinessView view = evaluate();
        assertEquals(List.of("whiteboard:settling"), view.missing());
        assertEquals("changed 300 ms ago", view.checks().get("whiteboard"));
        quiet = Readiness.SETTLE;
        assertTrue(evaluate().ready());
    }

    @Test
    void aMissingRequiredFamilyOrDatabaseIsNamed() {
        platform.families.remove(PluginFamily.STORAGE);
        platform.families.remove(PluginFamily.PROVIDER);
        platform.database = false;
        ReadinessView view = evaluate();
        assertEquals(List.of("database", "plugin:storage", "plugin:provider"), view.missing());
        assertEquals("missing", view.checks().get("storage"));
    }

    @Test
    void optionalFamiliesDoNotCount() {
        platform.families.removeAll(List.of(PluginFamily.PAYMENT, PluginFamily.TRANSCODER, PluginFamily.NOTIFIER));
        assertTrue(evaluate().ready());
    }

    @Test
    void aDrainingNodeIsNotReadyWhateverElseHolds() {
        platform.node.drain();
        ReadinessView view = evaluate();
        assertEquals("draining", view.status());
        assertEquals(List.of("node:draining"), view.missing());
        assertEquals("draining since 2026-12-01T10:00:00Z", view.checks().get("node"));
        assertFalse(view.ready());

        platform.deployed.remove("aisora.media");
        assertEquals("draining", evaluate().status(), "draining wins over not_ready");
        platform.node.resume();
        assertEquals(List.of("resource:aisora.media"), evaluate().missing());
    }

    @Test
    void theProbeCountsQuietFromTheWhiteboardsLastChange() {
        ReadinessProbe probe = new ReadinessProbe(platform.directory, platform.node, platform.clock);
        probe.bindRuntime(platform.runtime);
        assertEquals(List.of("whiteboard:settling"), probe.check().missing());
        platform.clock.advance(Duration.ofSeconds(2));
        assertTrue(probe.check().ready());
        probe.runtimeChanged(platform.runtime);
        assertEquals(List.of("whiteboard:settling"), probe.check().missing());
        platform.clock.advance(Duration.ofSeconds(1));
        assertTrue(probe.check().ready());
        probe.unbindRuntime(platform.runtime);
        platform.clock.advance(Duration.ofSeconds(5));
        assertEquals("no JAX-RS runtime", probe.check().checks().get("application"));
    }
}
