package org.aisora.api.store;

import java.time.Instant;

/** An account's stored preferences (see {@code org.aisora.api.service.Preferences}). */
public record PreferencesRecord(String accountId, boolean analyticsOptOut, boolean processingRestricted,
                                boolean marketingEmails, Instant updatedAt) {
}
