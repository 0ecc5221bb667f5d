package org.aisora.core.internal.accounts;

import org.aisora.api.error.AisoraException;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.PreferencesRecord;

/**
 * The restriction right, as the services that start new processing check it: before any credit is held
 * or any byte is read. Reading what already exists, export and deletion never ask.
 */
public final class ProcessingRestriction {
    public static final String CODE = "processing_restricted";

    private ProcessingRestriction() {
    }

    /** @throws AisoraException 403 {@code processing_restricted} when the account restricted processing */
    public static void requireAllowed(PreferenceStore preferences, String accountId) {
        if (preferences.find(accountId).map(PreferencesRecord::processingRestricted).orElse(false)) {
            throw refused();
        }
    }

    /** 403 {@code processing_restricted}, for callers that read the preference themselves. */
    public static AisoraException refused() {
        return AisoraException.forbidden(CODE, "you restricted the processing of your data: lift the"
                + " restriction in PUT /me/preferences to generate or upload again");
    }
}
