package org.aisora.api.service;

import java.util.List;
import org.aisora.api.plugin.PluginInfo;
import org.osgi.annotation.versioning.ProviderType;

/** Every plugin the core has discovered, and the platform's health. */
@ProviderType
public interface PluginDirectory {
    List<PluginInfo> plugins();

    HealthReport health();
}
