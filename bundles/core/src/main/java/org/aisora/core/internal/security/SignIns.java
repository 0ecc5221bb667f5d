package org.aisora.core.internal.security;

import java.util.Optional;
import org.aisora.api.store.ApiTokenStore;
import org.aisora.api.store.SessionRecord;
import org.aisora.api.store.SessionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Ends an account's sign-ins: its sessions (all, or all but the one presenting a bearer) and its API tokens.
 * What a password change, a reset or "sign out everywhere" call on.
 */
@Component(service = SignIns.class)
public final class SignIns {
    /** What was ended. */
    public record Ended(int sessions, int tokens) {
    }

    private final SessionStore sessions;
    private final ApiTokenStore tokens;

    @Activate
    public SignIns(@Reference SessionStore sessions, @Reference ApiTokenStore tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** Every session and every API token of the account. */
    public Ended endAll(String accountId) {
        return new Ended(sessions.deleteByAccount(accountId), tokens.deleteByAccount(accountId));
    }

    /**
     * Every session of the account but the one {@code keepBearer} signs in with (none is kept when it is an API
     * token or {@code null}), and every API token unless {@code keepTokens}.
     */
    public Ended endOthers(String accountId, String keepBearer, boolean keepTokens) {
        Optional<String> keep = keepBearer == null || Tokens.isApiToken(keepBearer) ? Optional.empty()
                : Optional.of(Tokens.sha256Hex(keepBearer));
        int ended = 0;
        for (SessionRecord s : sessions.listByAccount(accountId)) {
            if (keep.filter(s.tokenHash()::equals).isEmpty() && sessions.delete(s.id())) {
                ended++;
            }
        }
        return new Ended(ended, keepTokens ? 0 : tokens.deleteByAccount(accountId));
    }
}
