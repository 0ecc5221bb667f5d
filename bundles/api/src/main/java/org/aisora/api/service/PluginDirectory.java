package org.aisora.api.service;

import java.util.List;
import java.util.Map;
import org.aisora.api.plugin.PluginInfo;
import org.osgi.annotation.versioning.ProviderType;

/** Every plugin the core has discovered, and the platform's health. */
@ProviderType
public interface PluginDirectory {
    List<PluginInfo> plugins();

    HealthReport health();

    /** The configured routing order per generation type (wire name to provider ids); unlisted types route by ranking. */
    Map<String, List<String>> routingOrder();

    /**
     * Replaces one type's routing order at runtime; the change is saved in the core's plugin
     * configuration (etc/org.aisora.core.plugins.cfg) and applies to the next job. An empty list clears it.
     *
     * @throws org.aisora.api.error.AisoraException {@code invalid_routing} for an unknown type or a malformed id
     */
    void setRoutingOrder(String type, List<String> providerIds);
}
