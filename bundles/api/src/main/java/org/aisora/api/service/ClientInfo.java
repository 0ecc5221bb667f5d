package org.aisora.api.service;

/** Where a request came from, as far as the transport knows. */
public record ClientInfo(String ip, String userAgent) {
    public static final ClientInfo CONSOLE = new ClientInfo("console", "karaf-console");
}
