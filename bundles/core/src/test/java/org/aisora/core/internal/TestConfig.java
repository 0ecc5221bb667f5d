package org.aisora.core.internal;

import java.util.Map;
import org.aisora.api.testing.Configs;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.limits.PlansConfiguration;

/** The core's configuration with its defaults, some overridden — what DS builds from a .cfg file. */
public final class TestConfig {
    private TestConfig() {
    }

    /** The plans service on these settings (the keys of {@link org.aisora.core.internal.limits.PlansConfiguration}). */
    public static Plans plans(Map<String, Object> settings) {
        return new Plans(Configs.of(PlansConfiguration.class, settings));
    }

    public static org.aisora.core.internal.generation.JobsConfiguration jobs(Map<String, Object> settings) {
        return Configs.of(org.aisora.core.internal.generation.JobsConfiguration.class, settings);
    }

    public static org.aisora.core.internal.media.MediaConfiguration media(Map<String, Object> settings) {
        return Configs.of(org.aisora.core.internal.media.MediaConfiguration.class, settings);
    }

    public static org.aisora.core.internal.node.NodeConfiguration node(Map<String, Object> settings) {
        return Configs.of(org.aisora.core.internal.node.NodeConfiguration.class, settings);
    }

    /** Any DS configuration annotation. */
    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return Configs.of(type, overrides);
    }
}
