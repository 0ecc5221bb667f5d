package org.aisora.api.plugin;

import java.util.Objects;

/** A plugin's own view of whether it can serve requests now, with a reason when it cannot. */
public record PluginHealth(Status status, String reason) {
    public enum Status { ONLINE, DEGRADED, OFFLINE }

    public PluginHealth {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static PluginHealth online() {
        return new PluginHealth(Status.ONLINE, "");
    }

    public static PluginHealth degraded(String reason) {
        return new PluginHealth(Status.DEGRADED, reason);
    }

    public static PluginHealth offline(String reason) {
        return new PluginHealth(Status.OFFLINE, reason);
    }
}
