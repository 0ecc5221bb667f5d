package org.aisora.core.internal;

import java.util.Map;
import org.aisora.api.testing.Configs;

/** The core's configuration with its defaults, some overridden — what DS builds from a .cfg file. */
public final class TestConfig {
    private TestConfig() {
    }

    public static CoreConfiguration core(Map<String, Object> overrides) {
        return Configs.of(CoreConfiguration.class, overrides);
    }

    /** Any DS configuration annotation. */
    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return Configs.of(type, overrides);
    }
}
