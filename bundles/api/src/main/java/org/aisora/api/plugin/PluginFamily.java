package org.aisora.api.plugin;

/** The plugin families the core discovers; the wire name is used by the console and the admin API. */
public enum PluginFamily {
    PROVIDER("provider"), STORAGE("storage"), PAYMENT("payment"), MODERATION("moderation"),
    TRANSCODER("transcoder"), RETENTION("retention"), PRIVACY("privacy"), NOTIFIER("notifier");

    private final String wireName;

    PluginFamily(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
