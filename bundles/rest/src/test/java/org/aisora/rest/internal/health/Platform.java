package org.aisora.rest.internal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.HealthReport;
import org.aisora.api.service.NodeState;
import org.aisora.api.service.PluginDirectory;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

/**
 * What readiness reads, standing in for the parts that need an OSGi framework: the whiteboard's runtime (its
 * DTOs, in the shape Aries 2.0 fills them), the core's plugin directory and the node's draining flag. Each
 * starts as a complete platform; tests take parts away.
 */
final class Platform {
    final Set<String> deployed = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> failed = new ConcurrentHashMap<>();
    final Set<PluginFamily> families = ConcurrentHashMap.newKeySet();
    volatile boolean database = true;
    volatile Instant drainingSince;
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T10:00:00Z"));

    Platform() {
        deployed.addAll(ExpectedResources.NAMES);
        families.addAll(List.of(PluginFamily.values()));
    }

    RuntimeDTO runtimeDto() {
        RuntimeDTO dto = new RuntimeDTO();
        ApplicationDTO app = new ApplicationDTO();
        app.name = "aisora";
        app.base = "/api/v1";
        app.resourceDTOs = deployed.stream().map(name -> {
            ResourceDTO r = new ResourceDTO();
            r.name = name;
            return r;
        }).toArray(ResourceDTO[]::new);
        dto.applicationDTOs = new ApplicationDTO[] {app};
        dto.failedApplicationDTOs = new org.osgi.service.jaxrs.runtime.dto.FailedApplicationDTO[0];
        dto.failedResourceDTOs = failed.entrySet().stream().map(e -> {
            FailedResourceDTO f = new FailedResourceDTO();
            f.name = e.getKey();
            f.failureReason = e.getValue();
            return f;
        }).toArray(FailedResourceDTO[]::new);
        return dto;
    }

    final JaxrsServiceRuntime runtime = this::runtimeDto;

    List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginFamily family : families) {
            out.add(new PluginInfo(family, family.wireName() + "-one", PluginHealth.online(), 0, true));
        }
        return out;
    }

    HealthReport health() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database ? "ok" : "missing");
        return new HealthReport(database ? "ok" : "down", checks);
    }

    final PluginDirectory directory = new PluginDirectory() {
        @Override
        public List<PluginInfo> plugins() {
            return Platform.this.plugins();
        }

        @Override
        public HealthReport health() {
            return Platform.this.health();
        }

        @Override
        public Map<String, List<String>> routingOrder() {
            return Map.of();
        }

        @Override
        public void setRoutingOrder(String type, List<String> providerIds) {
            throw new UnsupportedOperationException();
        }
    };

    final NodeState node = new NodeState() {
        @Override
        public Optional<Instant> drainingSince() {
            return Optional.ofNullable(drainingSince);
        }

        @Override
        public void drain() {
            if (drainingSince == null) {
                drainingSince = clock.instant();
            }
        }

        @Override
        public void resume() {
            drainingSince = null;
        }
    };

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
