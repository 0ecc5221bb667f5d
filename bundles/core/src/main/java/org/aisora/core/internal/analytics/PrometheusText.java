package org.aisora.core.internal.analytics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.SweepReport;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.schedule.Lane;

/**
 * The Prometheus text exposition format (0.0.4). Labels carry only platform vocabulary (statuses,
 * plugin families and ids, artifact kinds), never an account, e-mail, prompt or address.
 */
final class PrometheusText {
    private PrometheusText() {
    }

    static String render(Map<String, Long> jobs, List<PluginInfo> plugins, Optional<SweepReport> sweep) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP aisora_jobs Generation jobs on record, by status.\n# TYPE aisora_jobs gauge\n");
        jobs.forEach((status, n) -> out.append("aisora_jobs{status=\"").append(label(status)).append("\"} ")
                .append(n).append('\n'));
        out.append("# HELP aisora_plugin_up Installed plugins: 1 when ONLINE, 0.5 when DEGRADED, 0 when OFFLINE.\n")
                .append("# TYPE aisora_plugin_up gauge\n");
        for (PluginInfo p : plugins) {
            String status = String.valueOf(p.health().status());
            double up = status.equals("ONLINE") ? 1 : status.equals("DEGRADED") ? 0.5 : 0;
            out.append("aisora_plugin_up{family=\"").append(label(String.valueOf(p.family()))).append("\",id=\"")
                    .append(label(p.id())).append("\"} ").append(up).append('\n');
        }
        out.append("# HELP aisora_retention_last_sweep_deleted Items the last retention sweep deleted, by kind.\n")
                .append("# TYPE aisora_retention_last_sweep_deleted gauge\n");
        sweep.ifPresent(r -> r.deleted().forEach((kind, n) -> out.append("aisora_retention_last_sweep_deleted{kind=\"")
                .append(label(kind)).append("\"} ").append(n).append('\n')));
        out.append("# HELP aisora_retention_last_sweep_failed Items the last retention sweep could not delete.\n")
                .append("# TYPE aisora_retention_last_sweep_failed gauge\n")
                .append("aisora_retention_last_sweep_failed ")
                .append(sweep.map(r -> r.failed().values().stream().mapToLong(Long::longValue).sum()).orElse(0L))
                .append('\n');
        out.append("# HELP aisora_retention_last_sweep_timestamp_seconds When the last sweep on this node started.\n")
                .append("# TYPE aisora_retention_last_sweep_timestamp_seconds gauge\n")
                .append("aisora_retention_last_sweep_timestamp_seconds ")
                .append(sweep.map(r -> r.startedAt().getEpochSecond()).orElse(0L)).append('\n');
        return out.toString();
    }

    /** Moderation outcomes since the node started, by category: counters, with no word of any input. */
    static String moderation(ModerationCounters counters) {
        StringBuilder out = new StringBuilder();
        counter(out, "aisora_moderation_flags_total", "Prompts let through but flagged for review, by category.",
                counters.snapshot(ModerationCounters.Kind.PROMPT_FLAGS));
        counter(out, "aisora_moderation_blocks_total", "Prompts refused by moderation, by category.",
                counters.snapshot(ModerationCounters.Kind.PROMPT_BLOCKS));
        counter(out, "aisora_moderation_output_blocks_total", "Generated outputs refused by moderation, by category.",
                counters.snapshot(ModerationCounters.Kind.OUTPUT_BLOCKS));
        return out.toString();
    }

    /** The core's worker lanes: how many threads each has, how many are busy, what waits, what finished. */
    static String lanes(List<Lane.Stats> lanes) {
        StringBuilder out = new StringBuilder();
        lane(out, "aisora_core_lane_threads", "gauge", "Threads of a core worker lane.", lanes, Lane.Stats::threads);
        lane(out, "aisora_core_lane_active", "gauge", "Busy threads of a core worker lane.", lanes, Lane.Stats::active);
        lane(out, "aisora_core_lane_queued", "gauge", "Tasks waiting in a core worker lane.", lanes, Lane.Stats::queued);
        lane(out, "aisora_core_lane_completed_total", "counter", "Tasks a core worker lane finished since it started.",
                lanes, Lane.Stats::completed);
        return out.toString();
    }

    private static void lane(StringBuilder out, String name, String type, String help, List<Lane.Stats> lanes,
                             ToLongFunction<Lane.Stats> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(' ')
                .append(type).append('\n');
        lanes.forEach(l -> out.append(name).append("{lane=\"").append(label(l.name())).append("\"} ")
                .append(value.applyAsLong(l)).append('\n'));
    }

    private static void counter(StringBuilder out, String name, String help, Map<String, Long> byCategory) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n");
        byCategory.forEach((category, n) -> out.append(name).append("{category=\"").append(label(category))
                .append("\"} ").append(n).append('\n'));
    }

    /** Escapes a label value as the format requires (backslash, quote, newline). */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
