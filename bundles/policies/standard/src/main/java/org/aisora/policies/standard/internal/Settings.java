package org.aisora.policies.standard.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisora.api.policy.ArtifactKind;

/** One validated configuration; what could not be used is listed in problems and replaced by the default. */
record Settings(int minimumAge, String version, Duration free, Duration pro, Map<ArtifactKind, Duration> perKind,
                List<String> problems) {
    static final int DEFAULT_AGE = 13;
    static final String DEFAULT_VERSION = "2026-11-01";
    static final int DEFAULT_FREE_DAYS = 7;
    static final int DEFAULT_PRO_DAYS = 30;

    Settings {
        perKind = perKind.isEmpty() ? Map.of() : new EnumMap<>(perKind);
        problems = List.copyOf(problems);
    }

    static Settings of(StandardPolicyConfig config) {
        List<String> problems = new ArrayList<>();
        int age = config.minimum_age();
        if (age < 0) {
            problems.add("minimum.age " + age + " is negative, using " + DEFAULT_AGE);
            age = DEFAULT_AGE;
        }
        String version = config.policy_version() == null ? "" : config.policy_version().trim();
        if (version.isEmpty()) {
            problems.add("policy.version is empty, using " + DEFAULT_VERSION);
            version = DEFAULT_VERSION;
        }
        Duration free = days("free.retention.days", config.free_retention_days(), DEFAULT_FREE_DAYS, problems);
        Duration pro = days("pro.retention.days", config.pro_retention_days(), DEFAULT_PRO_DAYS, problems);
        return new Settings(age, version, free, pro, perKind(config.kind_days(), problems), problems);
    }

    Duration retention(String plan, ArtifactKind kind) {
        Duration override = perKind.get(kind);
        if (override != null) {
            return override;
        }
        return plan != null && plan.trim().equalsIgnoreCase("pro") ? pro : free;
    }

    private static Map<ArtifactKind, Duration> perKind(String[] entries, List<String> problems) {
        Map<ArtifactKind, Duration> perKind = new EnumMap<>(ArtifactKind.class);
        for (String entry : entries == null ? new String[0] : entries) {
            String[] parts = entry == null ? new String[0] : entry.split("=", 2);
            try {
                ArtifactKind kind = ArtifactKind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
                int days = Integer.parseInt(parts[1].trim());
                if (days < 0) {
                    throw new IllegalArgumentException("negative");
                }
                perKind.put(kind, Duration.ofDays(days));
            } catch (RuntimeException e) { // covers a missing '=', an unknown kind and a bad number alike
                problems.add("kind.days entry '" + entry + "' ignored, expected kind=days with days >= 0");
            }
        }
        return perKind;
    }

    private static Duration days(String name, int value, int fallback, List<String> problems) {
        if (value >= 0) {
            return Duration.ofDays(value);
        }
        problems.add(name + " " + value + " is negative, using " + fallback);
        return Duration.ofDays(fallback);
    }
}
