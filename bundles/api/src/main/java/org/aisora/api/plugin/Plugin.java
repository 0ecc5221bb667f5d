package org.aisora.api.plugin;

import org.osgi.annotation.versioning.ConsumerType;

/** Every plugin of every family: a stable id (unique within its family) and a health report. */
@ConsumerType
public interface Plugin {
    String id();

    default PluginHealth health() {
        return PluginHealth.online();
    }
}
