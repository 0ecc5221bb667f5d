package org.aisora.api.plugin;

/** One registered plugin as the core sees it: family, id, health, ranking and whether it is the active choice. */
public record PluginInfo(PluginFamily family, String id, PluginHealth health, int ranking, boolean active) {
}
