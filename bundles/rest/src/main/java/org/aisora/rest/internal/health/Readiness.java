package org.aisora.rest.internal.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.HealthReport;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.BaseDTO;
import org.osgi.service.jaxrs.runtime.dto.DTOConstants;
import org.osgi.service.jaxrs.runtime.dto.FailedApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

/**
 * Whether this node can serve a request, from what the JAX-RS whiteboard reports (its runtime DTO), the
 * core's plugins and this node's draining flag. No OSGi here, so every case is a plain test.
 *
 * <p>Ready means: not draining; the API application deployed with every expected resource in it (a resource
 * waiting for a core service is simply absent); the whiteboard quiet for {@link #SETTLE}, because it redeploys
 * the whole application each time a resource arrives and the DTO shows a resource a moment before CXF serves
 * it; the database up, which also means migrated (every store waits for the persistence bundle's schema
 * marker); and one active plugin in each {@link #REQUIRED} family. A vendor's own health does not count: an
 * outage at a vendor hits every node alike, and taking them all out of the load balancer helps no one
 * ({@code GET /health} reports it as degraded).
 */
public final class Readiness {
    /** A node quieter than this since the whiteboard's last change serves what its DTO says. */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /**
     * Families a request needs: blobs are stored, jobs are routed, prompts and outputs are moderated (with no
     * engine every job fails closed, {@code moderation_unavailable}), expiry and the privacy policy are decided. Payment, transcoder
     * and notifier are optional: free plans, images and the mail outbox (which retries) work without them.
     */
    public static final List<PluginFamily> REQUIRED = List.of(PluginFamily.STORAGE, PluginFamily.PROVIDER,
            PluginFamily.MODERATION, PluginFamily.RETENTION, PluginFamily.PRIVACY);

    private Readiness() {
    }

    /**
     * @param application the API application's name
     * @param expected    the resources that must be deployed in it, by {@code osgi.jaxrs.name}
     * @param runtime     the whiteboard's runtime DTO; null when no JAX-RS runtime is there
     * @param quietFor    how long the whiteboard has not changed
     */
    public static ReadinessView evaluate(String application, List<String> expected, RuntimeDTO runtime,
                                         Duration quietFor, Optional<Instant> drainingSince, HealthReport health,
                                         List<PluginInfo> plugins) {
        List<String> missing = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("node", drainingSince.map(since -> "draining since " + since).orElse("serving"));
        drainingSince.ifPresent(since -> missing.add("node:draining"));

        ApplicationDTO app = runtime == null ? null : named(runtime.applicationDTOs, application);
        if (app == null) {
            FailedApplicationDTO failed = runtime == null ? null : named(runtime.failedApplicationDTOs, application);
            checks.put("application", runtime == null ? "no JAX-RS runtime"
                    : failed == null ? "missing" : "failed: " + reason(failed.failureReason));
            missing.add("application:" + application);
        } else {
            checks.put("application", "ok");
        }
        Map<String, Integer> failedResources = new HashMap<>();
        if (runtime != null && runtime.failedResourceDTOs != null) {
            for (FailedResourceDTO f : runtime.failedResourceDTOs) {
                failedResources.put(f.name, f.failureReason);
            }
        }
        List<String> deployed = app == null || app.resourceDTOs == null ? List.of()
                : Stream.of(app.resourceDTOs).map(r -> r.name).toList();
        int up = 0;
        for (String name : expected) {
            if (deployed.contains(name)) {
                up++;
            } else {
                Integer failure = failedResources.get(name);
                missing.add("resource:" + name + (failure == null ? "" : " (" + reason(failure) + ")"));
            }
        }
        checks.put("resources", up + "/" + expected.size());
        if (quietFor.compareTo(SETTLE) < 0) {
            checks.put("whiteboard", "changed " + quietFor.toMillis() + " ms ago");
            missing.add("whiteboard:settling");
        } else {
            checks.put("whiteboard", "settled");
        }

        String database = health.checks().getOrDefault("database", "missing");
        checks.put("database", database);
        if (!"ok".equals(database)) {
            missing.add("database");
        }
        for (PluginFamily family : REQUIRED) {
            List<String> active = plugins.stream().filter(p -> p.family() == family && p.active())
                    .map(PluginInfo::id).toList();
            checks.put(family.wireName(), active.isEmpty() ? "missing" : String.join(",", active));
            if (active.isEmpty()) {
                missing.add("plugin:" + family.wireName());
            }
        }
        String status = missing.isEmpty() ? ReadinessView.READY
                : drainingSince.isPresent() ? ReadinessView.DRAINING : ReadinessView.NOT_READY;
        return new ReadinessView(status, missing, checks);
    }

    private static <T extends BaseDTO> T named(T[] dtos, String name) {
        return dtos == null ? null : Stream.of(dtos).filter(d -> name.equals(d.name)).findFirst().orElse(null);
    }

    /** The whiteboard's failure reasons, in words. */
    static String reason(int failureReason) {
        return switch (failureReason) {
            case DTOConstants.FAILURE_REASON_SHADOWED_BY_OTHER_SERVICE -> "shadowed by another service";
            case DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE -> "service not gettable";
            case DTOConstants.FAILURE_REASON_VALIDATION_FAILED -> "validation failed";
            case DTOConstants.FAILURE_REASON_NOT_AN_EXTENSION_TYPE -> "not an extension type";
            case DTOConstants.FAILURE_REASON_REQUIRED_EXTENSIONS_UNAVAILABLE -> "required extensions unavailable";
            case DTOConstants.FAILURE_REASON_DUPLICATE_NAME -> "duplicate name";
            case DTOConstants.FAILURE_REASON_REQUIRED_APPLICATION_UNAVAILABLE -> "required application unavailable";
            default -> "failed";
        };
    }
}
