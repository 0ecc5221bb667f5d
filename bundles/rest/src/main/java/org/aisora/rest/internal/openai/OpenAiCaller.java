package org.aisora.rest.internal.openai;

import java.security.Principal;
import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.Caller;

/** The account behind a request of the OpenAI application, as {@link OpenAiAuthFilter} found it. */
record OpenAiCaller(Caller caller) implements Principal {
    @Override
    public String getName() {
        return caller.accountId();
    }

    /** @throws OpenAiException 401 when the request got past the filter without a caller (not expected) */
    static Caller require(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof OpenAiCaller principal) {
            return principal.caller();
        }
        throw new OpenAiException(OpenAiErrors.missingKey());
    }
}
