package org.aisora.api.service;

/** The privacy policy in force: its version (what registration must accept) and the minimum age. */
public record PolicyView(String version, int minimumAge) {
}
