package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Security-relevant events (sign-in, failed sign-in, token created or revoked, export, deletion,
 * admin actions) with actor, time and IP. Never passwords, tokens or prompts. Rows follow the
 * operational-log retention of the actor's plan.
 */
@ProviderType
public interface AuditLog {
    /**
     * @param actorId the account that acted, or {@code null} when unknown (a failed sign-in)
     * @param action  a snake_case verb such as {@code login}, {@code login_failed}, {@code token_created}
     * @param subject what was acted on (an account or object id), or {@code null}
     * @param client  where the request came from ({@link ClientInfo#CONSOLE} for the console)
     * @param detail  short, non-secret detail, or {@code null}
     */
    void record(String actorId, String action, String subject, ClientInfo client, String detail);
}
