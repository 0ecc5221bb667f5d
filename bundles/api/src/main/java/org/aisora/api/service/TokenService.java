package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Named API tokens: long-lived bearer credentials an account makes for its scripts. The secret is shown
 * once, in the answer to {@link #create}; only its hash is stored. Every method is scoped to the caller.
 */
@ProviderType
public interface TokenService {
    int DEFAULT_DAYS = 90;
    int MAX_DAYS = 365;

    /**
     * @param expiresInDays 1..{@value #MAX_DAYS}, {@code null} for {@value #DEFAULT_DAYS}
     * @throws org.aisora.api.error.AisoraException invalid_token_name, invalid_expiry (400), too_many_tokens (409)
     */
    default TokenGrant create(Caller caller, String name, Integer expiresInDays, ClientInfo client) {
        return create(caller, name, expiresInDays, null, client);
    }

    /**
     * @param scopes scope names ({@link TokenScope#wire()}); null or empty for {@link TokenScope#DEFAULT}
     * @throws org.aisora.api.error.AisoraException also invalid_scope (400) for an unknown name and
     *     scope_exceeds_role (403) for a scope the caller's role does not hold
     */
    TokenGrant create(Caller caller, String name, Integer expiresInDays, List<String> scopes, ClientInfo client);

    /** The caller's live tokens, newest first, without secrets. */
    List<TokenView> list(Caller caller);

    /** @throws org.aisora.api.error.AisoraException not_found (404), also for another account's token */
    void revoke(Caller caller, String tokenId, ClientInfo client);
}
