package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The caller's sign-in sessions: listed, ended one by one or all at once. API tokens are not sessions. */
@ProviderType
public interface SessionService {
    /** The caller's live sessions, newest first; {@code currentSessionId} (may be null) is marked current. */
    List<SessionView> list(Caller caller, String currentSessionId);

    /** @throws org.aisora.api.error.AisoraException not_found (404), also for another account's session */
    void end(Caller caller, String sessionId, ClientInfo client);

    /** Ends every session of the caller (API tokens stay: they are revoked at /tokens). @return how many */
    int endAll(Caller caller, ClientInfo client);
}
