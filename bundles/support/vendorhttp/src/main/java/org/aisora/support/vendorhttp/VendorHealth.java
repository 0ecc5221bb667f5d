package org.aisora.support.vendorhttp;

import java.util.List;
import org.aisora.api.plugin.PluginHealth;

/**
 * The end every vendor adapter's health check shares, after its own reasons to be offline (no key, an
 * unusable base URL): a key the vendor refused keeps it OFFLINE until the configuration changes;
 * configuration problems make it DEGRADED; otherwise ONLINE.
 */
public final class VendorHealth {
    public static final String KEY_REFUSED = "api key refused";

    private VendorHealth() {
    }

    public static PluginHealth of(boolean keyRefused, List<String> problems) {
        if (keyRefused) {
            return PluginHealth.offline(KEY_REFUSED);
        }
        return problems.isEmpty() ? PluginHealth.online() : PluginHealth.degraded(String.join("; ", problems));
    }
}
