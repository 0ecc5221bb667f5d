package org.aisora.api.store;

import java.time.Instant;
import java.util.List;

/**
 * One line of an account's third-party record: a plugin of a family sent the account's data to a vendor for
 * a purpose, first and last at these instants. For generation providers the store derives these lines from
 * the job attempts ({@code purpose} and {@code dataCategories} are then left to the core to name).
 *
 * @param family the plugin family's wire name, e.g. {@code moderation}
 */
public record ThirdPartyRecord(String accountId, String family, String pluginId, String vendor, String purpose,
                               List<String> dataCategories, String statedRetention, Instant firstAt,
                               Instant lastAt) {
    public ThirdPartyRecord {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        statedRetention = statedRetention == null ? "" : statedRetention;
    }
}
