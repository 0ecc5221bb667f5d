package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * A third party that received the account's data: which kind of service sent it ({@code provider},
 * {@code moderation}, {@code storage}, {@code payment}, {@code notifier}), to whom, why, which kinds of data,
 * what the vendor states it keeps, and when the first and last transfer were (the last to within an hour).
 */
public record ThirdPartyView(String family, String vendor, String purpose, List<String> dataCategories,
                             String statedRetention, Instant firstAt, Instant lastAt) {
    public ThirdPartyView {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    }
}
