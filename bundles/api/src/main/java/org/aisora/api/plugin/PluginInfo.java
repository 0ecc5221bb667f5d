package org.aisora.api.plugin;

/**
 * One registered plugin as the core sees it: family, id, health, ranking, whether it is the active choice and,
 * for a generation provider, what it states about training on content ({@code null} for other families).
 */
public record PluginInfo(PluginFamily family, String id, PluginHealth health, int ranking, boolean active,
                         Training training) {
    /**
     * @param trainsOnContent {@code no}, {@code yes} or {@code unknown}
     * @param source          the vendor terms the statement rests on
     * @param agreement       {@code no-training} when the operator recorded one on the provider's configuration,
     *                        else {@code none}
     * @param routed          whether jobs may be sent to it (it does not train, or it has the agreement)
     */
    public record Training(String trainsOnContent, String source, String agreement, boolean routed) {
    }

    public PluginInfo(PluginFamily family, String id, PluginHealth health, int ranking, boolean active) {
        this(family, id, health, ranking, active, null);
    }
}
