package org.aisora.api.plugin;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Every plugin of every family: a stable id (unique within its family), a health report and, for a plugin
 * that sends personal data or content to a third party, what it sends to whom.
 */
@ConsumerType
public interface Plugin {
    String id();

    default PluginHealth health() {
        return PluginHealth.online();
    }

    /**
     * The transfer to a third party that using this plugin for an account makes; empty (the default) for a
     * plugin that keeps everything on the operator's own machines.
     *
     * @since 1.2
     */
    default Optional<DataTransfer> dataTransfer() {
        return Optional.empty();
    }
}
