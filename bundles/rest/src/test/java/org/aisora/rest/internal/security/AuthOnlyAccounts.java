package org.aisora.rest.internal.security;

import java.util.List;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Registration;
import org.aisora.api.service.SessionGrant;

/** An account service for filter tests: only the bearer checks a test implements are ever called. */
interface AuthOnlyAccounts extends AccountService {
    @Override
    default AccountView register(Registration registration, ClientInfo client) {
        throw new UnsupportedOperationException("a filter never registers");
    }

    @Override
    default SessionGrant login(String email, String password, ClientInfo client) {
        throw new UnsupportedOperationException("a filter never signs in");
    }

    @Override
    default void logout(String bearerToken) {
        throw new UnsupportedOperationException("a filter never signs out");
    }

    @Override
    default AccountView me(org.aisora.api.service.Caller caller) {
        throw new UnsupportedOperationException("a filter never reads the account");
    }

    @Override
    default List<AccountView> list(int offset, int limit) {
        throw new UnsupportedOperationException("a filter never lists accounts");
    }

    @Override
    default AccountView findByEmail(String email) {
        throw new UnsupportedOperationException("a filter never looks accounts up");
    }

    @Override
    default AccountView setRole(String email, String role) {
        throw new UnsupportedOperationException("a filter never changes roles");
    }
}
