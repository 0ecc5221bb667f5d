package org.aisora.rest.internal.openai;

import javax.ws.rs.core.SecurityContext;
import org.aisora.api.service.Caller;
import org.aisora.rest.internal.security.CallerPrincipal;

/** The account behind a front-door request: the API's own token check, answered in OpenAI's shape when absent. */
final class OpenAiCaller {
    private OpenAiCaller() {
    }

    /** @throws OpenAiException 401 when the request carries no valid token */
    static Caller require(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerPrincipal principal) {
            return principal.caller();
        }
        throw new OpenAiException(OpenAiErrors.missingKey());
    }
}
