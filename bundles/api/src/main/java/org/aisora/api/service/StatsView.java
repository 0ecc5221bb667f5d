package org.aisora.api.service;

import java.util.List;

/**
 * Aggregated usage for a range of days.
 *
 * @param k          the smallest number of distinct users a cell must have to be shown
 * @param rows       the cells shown
 * @param suppressed how many cells were withheld because fewer than k users made them
 */
public record StatsView(String from, String to, int k, List<Row> rows, int suppressed) {
    public StatsView {
        rows = List.copyOf(rows);
    }

    /** One cell: a day, a feature (generation, upload), its type, provider and outcome. */
    public record Row(String day, String feature, String type, String provider, String outcome, String errorCode,
                      long events, long users, long averageLatencyMs) {
    }
}
