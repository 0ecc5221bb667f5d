package org.aisora.rest.internal.security;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.Credential;
import org.aisora.api.service.TokenScope;

/** What resources need to know about who is calling. */
public final class Callers {
    private Callers() {
    }

    /** @throws AisoraException 401 when the request carries no valid token */
    public static Caller require(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerPrincipal principal) {
            return principal.caller();
        }
        throw AisoraException.unauthorized("this needs Authorization: Bearer <token>");
    }

    /** @throws AisoraException 401 without a valid token, 403 {@code admin_only} without the admin role */
    public static Caller requireAdmin(SecurityContext security) {
        Caller caller = require(security);
        if (!caller.isAdmin()) {
            throw AisoraException.forbidden("admin_only", "this needs the admin role (aisora:user-role)");
        }
        return caller;
    }

    /**
     * The caller when its credential holds {@code scope}: a session without it (a user's, for an admin-only
     * scope) is refused 403 {@code admin_only} as by {@link #requireAdmin}, a token 403 {@code insufficient_scope}.
     */
    public static Caller requireScope(SecurityContext security, TokenScope scope) {
        Caller caller = require(security);
        Credential credential = ((CallerPrincipal) security.getUserPrincipal()).credential();
        if (!credential.allows(scope)) {
            if (credential.isSession()) {
                throw AisoraException.forbidden("admin_only", "this needs the admin role (aisora:user-role)");
            }
            throw insufficientScope(scope);
        }
        return caller;
    }

    /** The session id of the request's credential, or null for an API token or no credential. */
    public static String sessionId(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof CallerPrincipal principal
                ? principal.credential().sessionId() : null;
    }

    static AisoraException insufficientScope(TokenScope scope) {
        return AisoraException.forbidden("insufficient_scope", "this API token lacks the " + scope.wire()
                + " scope; make a token with it at POST /tokens");
    }

    public static ClientInfo client(HttpServletRequest request, HttpHeaders headers) {
        return client(request, headers.getHeaderString(HttpHeaders.USER_AGENT));
    }

    public static ClientInfo client(HttpServletRequest request, String agent) {
        return new ClientInfo(request == null ? null : request.getRemoteAddr(),
                agent == null ? null : agent.substring(0, Math.min(agent.length(), 400)));
    }
}
