package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.SessionStore;

/**
 * Sign-in sessions (exported within {@code devices.json}). Erasure deletes them, first of all, so nobody
 * stays signed in.
 */
final class SessionsCategory implements PersonalDataCategory {
    private final SessionStore sessions;

    SessionsCategory(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "sessions";
    }

    /** Sessions are exported within {@code devices.json} ({@link DevicesCategory}). */
    @Override
    public void export(String accountId, ExportSink sink) {
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return sessions.deleteByAccount(accountId);
    }
}
