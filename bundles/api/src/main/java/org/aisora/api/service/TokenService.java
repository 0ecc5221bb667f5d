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
     * A token without the current password: refused since 1.8 (a stolen session must not mint long-lived
     * credentials). Use {@link #create(Caller, String, Integer, List, String, ClientInfo)}.
     *
     * @throws org.aisora.api.error.AisoraException reauthentication_required (403)
     */
    default TokenGrant create(Caller caller, String name, Integer expiresInDays, ClientInfo client) {
        return create(caller, name, expiresInDays, null, null, client);
    }

    /**
     * @param expiresInDays 1..{@value #MAX_DAYS}, {@code null} for {@value #DEFAULT_DAYS}
     * @param scopes scope names ({@link TokenScope#wire()}); null or empty for {@link TokenScope#DEFAULT}
     * @param currentPassword the caller's password, checked under the sign-in throttle
     * @throws org.aisora.api.error.AisoraException reauthentication_required (403, no password), wrong_password
     *         (403), invalid_token_name, invalid_expiry, invalid_scope (400), scope_exceeds_role (403, a scope
     *         the caller's role does not hold), too_many_tokens (409), too_many_login_attempts (429)
     * @since 1.8
     */
    TokenGrant create(Caller caller, String name, Integer expiresInDays, List<String> scopes, String currentPassword,
                      ClientInfo client);

    /** The caller's live tokens, newest first, without secrets. */
    List<TokenView> list(Caller caller);

    /** @throws org.aisora.api.error.AisoraException not_found (404), also for another account's token */
    void revoke(Caller caller, String tokenId, ClientInfo client);
}
