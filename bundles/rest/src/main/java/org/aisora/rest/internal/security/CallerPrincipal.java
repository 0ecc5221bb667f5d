package org.aisora.rest.internal.security;

import java.security.Principal;
import org.aisora.api.service.Caller;

/** The authenticated account, carried in the request's SecurityContext. */
public record CallerPrincipal(Caller caller) implements Principal {
    @Override
    public String getName() {
        return caller.accountId();
    }
}
