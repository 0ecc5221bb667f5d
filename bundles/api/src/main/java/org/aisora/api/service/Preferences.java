package org.aisora.api.service;

/**
 * An account's restriction and objection choices. {@code processingRestricted} stops new generations
 * and uploads (403 {@code processing_restricted}) while access, export and deletion keep working;
 * {@code analyticsOptOut} keeps the account's usage out of the analytics aggregates.
 */
public record Preferences(boolean analyticsOptOut, boolean processingRestricted, boolean marketingEmails) {
    /** What an account has until it chooses otherwise: nothing restricted, nothing opted into. */
    public static final Preferences DEFAULTS = new Preferences(false, false, false);
}
