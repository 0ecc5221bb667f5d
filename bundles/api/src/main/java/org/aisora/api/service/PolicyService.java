package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** The published privacy policy. */
@ProviderType
public interface PolicyService {
    /** @throws org.aisora.api.error.AisoraException policy_unavailable (503) when no policy plugin is active */
    PolicyView currentPrivacyPolicy();
}
