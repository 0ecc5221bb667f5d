package org.aisora.api.plugin;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin hands to a company other than the platform's operator when it is used for an account: who
 * receives it, why, which kinds of personal data or content, and what that company states it keeps. The core
 * records it per account at the moment of the transfer; {@code GET /me} and the data export show that record.
 *
 * @param vendor          the receiving company or host, e.g. {@code OpenAI} or {@code smtp.mailgun.org}
 * @param purpose         why it receives the data, e.g. {@code content moderation of prompts and images}
 * @param dataCategories  the kinds of data, e.g. {@code e-mail address}, {@code message contents}
 * @param statedRetention what the vendor states it keeps and for how long ({@code ""} when it states nothing)
 * @since 1.2
 */
public record DataTransfer(String vendor, String purpose, List<String> dataCategories, String statedRetention) {
    public DataTransfer {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(purpose, "purpose");
        if (vendor.isBlank() || purpose.isBlank()) {
            throw new IllegalArgumentException("a data transfer names its vendor and purpose");
        }
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        statedRetention = statedRetention == null ? "" : statedRetention;
    }
}
