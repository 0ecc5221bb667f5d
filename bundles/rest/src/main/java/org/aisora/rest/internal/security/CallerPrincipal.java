package org.aisora.rest.internal.security;

import java.security.Principal;
import org.aisora.api.service.Caller;
import org.aisora.api.service.Credential;
import org.aisora.api.service.TokenScope;

/** The authenticated account and its credential (session or token, and scopes), in the request's SecurityContext. */
public record CallerPrincipal(Caller caller, Credential credential) implements Principal {
    /** A caller with every scope of its role and no session (as a token made before scopes existed). */
    public CallerPrincipal(Caller caller) {
        this(caller, new Credential(caller, null, TokenScope.ofRole(caller.role())));
    }

    public CallerPrincipal(Credential credential) {
        this(credential.caller(), credential);
    }

    @Override
    public String getName() {
        return caller.accountId();
    }
}
