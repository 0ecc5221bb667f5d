package org.aisora.api.policy;

import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** The rules of the published privacy policy that code enforces. */
@ConsumerType
public interface PrivacyPolicy extends Plugin {
    /** Registration below this age (in whole years) is refused and nothing is stored. */
    int minimumAge();

    /** The version users accept at registration. */
    String currentVersion();
}
