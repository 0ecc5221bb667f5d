package org.aisora.api.service;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Registration, sign-in and account administration. */
@ProviderType
public interface AccountService {
    /** @throws org.aisora.api.error.AisoraException age_restricted (403, nothing stored), email_taken (409), invalid_* (400) */
    AccountView register(Registration registration, ClientInfo client);

    /** @throws org.aisora.api.error.AisoraException invalid_credentials (401) */
    SessionGrant login(String email, String password, ClientInfo client);

    Optional<Caller> authenticate(String bearerToken);

    /**
     * A session or API token, as {@link #authenticate(String)}, from a client whose device is recorded.
     * Revoked and expired credentials are empty.
     */
    default Optional<Caller> authenticate(String bearerToken, ClientInfo client) {
        return authenticate(bearerToken);
    }

    /**
     * The credential behind a bearer token with what it may do (see {@link Credential}); empty as
     * {@link #authenticate(String, ClientInfo)}.
     */
    default Optional<Credential> credential(String bearerToken, ClientInfo client) {
        return authenticate(bearerToken, client)
                .map(c -> new Credential(c, null, TokenScope.ofRole(c.role())));
    }

    /**
     * Ends the session of this token.
     *
     * @throws org.aisora.api.error.AisoraException not_a_session (400) for an API token
     */
    void logout(String bearerToken);

    AccountView me(Caller caller);

    List<AccountView> list(int offset, int limit);

    AccountView findByEmail(String email);

    AccountView setRole(String email, String role);
}
