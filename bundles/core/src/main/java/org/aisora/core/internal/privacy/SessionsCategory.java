package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.SessionStore;

/**
 * Sign-in sessions, exported as {@code devices.json} (each session is a client the account signed in from;
 * only its times are kept, never the token). Erasure deletes them, first of all, so nobody stays signed in.
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

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = sessions.listByAccount(accountId).stream()
                .map(s -> (Object) Rows.of().put("createdAt", s.createdAt()).put("expiresAt", s.expiresAt()).map())
                .toList();
        sink.json("devices.json", Rows.of().put("sessions", rows).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return sessions.deleteByAccount(accountId);
    }
}
