package org.aisora.api.service;

import java.util.List;

/** Spendable balance, credits reserved by running jobs, and a page of history (newest first). */
public record CreditSummary(long balance, long reserved, List<CreditEntryView> entries) {
    public CreditSummary {
        entries = List.copyOf(entries);
    }
}
