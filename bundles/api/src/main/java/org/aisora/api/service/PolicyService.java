package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The published privacy policy, its versions and the users' acceptances. */
@ProviderType
public interface PolicyService {
    /**
     * The newest published version, or the policy plugin's built-in version when none was published.
     *
     * @throws org.aisora.api.error.AisoraException policy_unavailable (503) when no policy plugin is active
     */
    PolicyView currentPrivacyPolicy();

    /**
     * Stores a new version and queues one notice e-mail per active account through the mail outbox.
     *
     * @throws org.aisora.api.error.AisoraException policy_version_exists (409, nothing changes),
     *         invalid_policy_version / invalid_policy_text (400)
     */
    PolicyPublication publish(String version, String text, String summary);

    /**
     * Records that the caller accepted a version; a repeat keeps the first record.
     *
     * @return the acceptance, and whether this call created it
     * @throws org.aisora.api.error.AisoraException unknown_policy_version (422)
     */
    Acceptance accept(Caller caller, String version, ClientInfo client);

    /** Oldest first. */
    List<PolicyAcceptanceView> acceptances(Caller caller);

    /** The outcome of {@link #accept}: {@code created} is false for a repeat. */
    record Acceptance(PolicyAcceptanceView acceptance, boolean created) {
    }
}
