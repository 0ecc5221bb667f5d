package org.aisora.core.internal.limits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plans, from configuration lines such as
 * {@code pro=monthly.credits:2000,retention.days:30,max.concurrent.jobs:8,requests.per.minute:300,max.video.seconds:60,max.upload.mb:500}
 * (optionally {@code ,max.storage.mb:51200}; a line without it keeps the built-in quota of its plan, else free's).
 * A wrong line never takes the platform down: what does not parse is reported in {@link #problems()} and the
 * built-in value stands in (the built-in plan of the same id, else {@code free}). {@code free} always exists
 * because it is what an account with an unknown plan gets.
 */
public final class PlanCatalog {
    public static final String FREE = "free";
    public static final String FREE_LINE = "free=monthly.credits:100,retention.days:7,max.concurrent.jobs:2,"
            + "requests.per.minute:30,max.video.seconds:10,max.upload.mb:50,max.storage.mb:1024";
    public static final String PRO_LINE = "pro=monthly.credits:2000,retention.days:30,max.concurrent.jobs:8,"
            + "requests.per.minute:300,max.video.seconds:60,max.upload.mb:500,max.storage.mb:51200";
    public static final List<String> KEYS = List.of("monthly.credits", "retention.days", "max.concurrent.jobs",
            "requests.per.minute", "max.video.seconds", "max.upload.mb", "max.storage.mb");
    /** Keys a line may leave out without a problem reported: they came after plan lines were in use. */
    static final List<String> OPTIONAL_KEYS = List.of("max.storage.mb");

    private static final long MB = 1024L * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,13}");
    private static final Map<String, Plan> BUILT_IN = builtIn();

    private final Map<String, Plan> plans;
    private final List<String> problems;

    private PlanCatalog(Map<String, Plan> plans, List<String> problems) {
        this.plans = Collections.unmodifiableMap(new TreeMap<>(plans));
        this.problems = List.copyOf(problems);
    }

    /** The two built-in plans, {@link #FREE_LINE} and {@link #PRO_LINE}. */
    public static PlanCatalog defaults() {
        return new PlanCatalog(BUILT_IN, List.of());
    }

    /**
     * Null, empty or only blank lines mean the defaults. A line may hold several plans separated by
     * {@code ;}, since a plain {@code .cfg} property holds one string.
     */
    public static PlanCatalog parse(String[] lines) {
        List<String> given = new ArrayList<>();
        for (String line : lines == null ? new String[0] : lines) {
            for (String part : line == null ? new String[0] : line.split(";")) {
                if (!part.isBlank()) {
                    given.add(part.trim());
                }
            }
        }
        if (given.isEmpty()) {
            return defaults();
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : given) {
            Plan plan = parseLine(line, problems);
            if (plan != null && plans.putIfAbsent(plan.id(), plan) != null) {
                problems.add("plan '" + plan.id() + "' is defined twice; the first definition stands");
            }
        }
        if (!plans.containsKey(FREE)) {
            problems.add("no 'free' plan is defined; the built-in one stands: " + FREE_LINE);
            plans.put(FREE, BUILT_IN.get(FREE));
        }
        return new PlanCatalog(plans, problems);
    }

    /** What went wrong while parsing, one sentence each; empty when the configuration is clean. */
    public List<String> problems() {
        return problems;
    }

    /** All plans by id, sorted. */
    public Map<String, Plan> plans() {
        return plans;
    }

    public Optional<Plan> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(plans.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    public Plan free() {
        return plans.get(FREE);
    }

    /** The plan an account is on; a plan the configuration no longer knows (or none) means {@code free}. */
    public Plan forAccount(String planId) {
        return find(planId).orElseGet(this::free);
    }

    private static Plan parseLine(String line, List<String> problems) {
        int eq = line.indexOf('=');
        String id = (eq < 0 ? line : line.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        if (eq < 0 || !ID.matcher(id).matches()) {
            problems.add("plan line '" + line + "' is not id=key:value,...; it is ignored");
            return null;
        }
        Plan fallback = BUILT_IN.getOrDefault(id, BUILT_IN.get(FREE));
        Map<String, Long> values = new LinkedHashMap<>();
        for (String entry : line.substring(eq + 1).split(",")) {
            parseEntry(id, entry.trim(), values, problems);
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                long stand = valueOf(fallback, key);
                if (OPTIONAL_KEYS.contains(key)) {
                    values.put(key, stand);
                    continue;
                }
                problems.add("plan '" + id + "' has no valid " + key + "; using " + stand);
                values.put(key, stand);
            }
        }
        return new Plan(id, values.get("monthly.credits"), values.get("retention.days").intValue(),
                values.get("max.concurrent.jobs").intValue(), values.get("requests.per.minute").intValue(),
                values.get("max.video.seconds").intValue(), values.get("max.upload.mb") * MB,
                values.get("max.storage.mb") * MB);
    }

    private static void parseEntry(String id, String entry, Map<String, Long> values, List<String> problems) {
        if (entry.isEmpty()) {
            return;
        }
        int colon = entry.indexOf(':');
        String key = (colon < 0 ? entry : entry.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String raw = colon < 0 ? "" : entry.substring(colon + 1).trim();
        if (!KEYS.contains(key)) {
            problems.add("plan '" + id + "' has an unknown key '" + key + "'; known keys are " + KEYS);
            return;
        }
        if (values.containsKey(key)) {
            problems.add("plan '" + id + "' sets " + key + " twice; the first value stands");
            return;
        }
        long min = key.equals("monthly.credits") ? 0 : 1;
        long max = maxOf(key);
        if (!NUMBER.matcher(raw).matches() || Long.parseLong(raw) < min || Long.parseLong(raw) > max) {
            problems.add("plan '" + id + "' has " + key + " '" + raw + "'; expected a whole number from " + min
                    + " to " + max);
            return;
        }
        values.put(key, Long.parseLong(raw));
    }

    private static long maxOf(String key) {
        return switch (key) {
            case "monthly.credits" -> 1_000_000_000_000L;
            case "max.upload.mb" -> 1_048_576L; // 1 TiB
            case "max.storage.mb" -> 1_073_741_824L; // 1 PiB
            default -> 1_000_000L;
        };
    }

    private static long valueOf(Plan plan, String key) {
        return switch (key) {
            case "monthly.credits" -> plan.monthlyCredits();
            case "retention.days" -> plan.retentionDays();
            case "max.concurrent.jobs" -> plan.maxConcurrentJobs();
            case "requests.per.minute" -> plan.requestsPerMinute();
            case "max.video.seconds" -> plan.maxVideoSeconds();
            case "max.storage.mb" -> plan.maxStorageBytes() / MB;
            default -> plan.maxUploadBytes() / MB;
        };
    }

    private static Map<String, Plan> builtIn() {
        Map<String, Plan> plans = new LinkedHashMap<>();
        plans.put(FREE, new Plan(FREE, 100, 7, 2, 30, 10, 50 * MB, 1024 * MB));
        plans.put("pro", new Plan("pro", 2000, 30, 8, 300, 60, 500 * MB, 51_200 * MB));
        return Collections.unmodifiableMap(plans);
    }
}
