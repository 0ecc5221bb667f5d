package org.aisora.api.service;

import java.util.Set;

/**
 * A bearer credential as it was authenticated: the caller (whose role is {@code user} when the credential
 * lacks the {@code admin} scope, so every role check of the core honours the scopes), the session's id for
 * a sign-in session (null for an API token) and what the credential may do now: every scope of the role for
 * a session or a token made before scopes existed, else the token's scopes within the role.
 */
public record Credential(Caller caller, String sessionId, Set<TokenScope> scopes) {
    public Credential {
        scopes = Set.copyOf(scopes);
    }

    public boolean isSession() {
        return sessionId != null;
    }

    public boolean allows(TokenScope scope) {
        return scopes.contains(scope);
    }
}
