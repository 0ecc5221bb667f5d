package org.aisora.api.service;

import java.util.Map;

/**
 * How long the active retention policy keeps each kind of artifact for one plan, as {@code GET /me},
 * {@code GET /subscription} and {@code GET /plans} show it: the one number that is also enforced.
 *
 * @param policy the active retention policy's id ({@code null} when none is installed, then {@code hours} is empty)
 * @param plan   the plan the hours are for
 * @param hours  hours per artifact kind, keyed by the kind's lower-case name ({@code original_upload},
 *               {@code generated_output}, {@code thumbnail}, {@code rendition}, {@code export_file},
 *               {@code operational_log}, {@code device_record}, {@code usage_event})
 */
public record RetentionView(String policy, String plan, Map<String, Long> hours) {
    public RetentionView {
        hours = Map.copyOf(hours);
    }
}
