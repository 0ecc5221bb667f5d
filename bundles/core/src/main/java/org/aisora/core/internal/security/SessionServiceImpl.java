package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.SessionService;
import org.aisora.api.service.SessionView;
import org.aisora.api.store.SessionRecord;
import org.aisora.api.store.SessionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The caller's sign-in sessions. Only live ones are listed (an idle or expired one is gone for good, and is
 * deleted when it is presented); ending one or all is audited. API tokens are left alone: they are not
 * sessions, and are revoked at {@code /tokens}.
 */
@Component(service = SessionService.class, configurationPid = SecurityConfiguration.PID)
public final class SessionServiceImpl implements SessionService {
    static final int MAX_ID_LENGTH = 64;

    private final SessionStore sessions;
    private final AuditLog audit;
    private final Clock clock;
    private volatile SessionLifetimes lifetimes;

    @Activate
    public SessionServiceImpl(@Reference SessionStore sessions, @Reference AuditLog audit,
                              SecurityConfiguration config) {
        this(sessions, audit, config, Clock.systemUTC());
    }

    public SessionServiceImpl(SessionStore sessions, AuditLog audit, SecurityConfiguration config, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.lifetimes = SessionLifetimes.of(config);
    }

    @Modified
    void modified(SecurityConfiguration config) {
        this.lifetimes = SessionLifetimes.of(config);
    }

    @Override
    public List<SessionView> list(Caller caller, String currentSessionId) {
        Instant now = clock.instant();
        SessionLifetimes l = lifetimes;
        return sessions.listByAccount(caller.accountId()).stream().filter(s -> l.live(s, now))
                .sorted(Comparator.comparing(SessionRecord::createdAt).reversed())
                .map(s -> new SessionView(s.id(), s.createdAt(), s.lastUsedAt(), l.endsAt(s), s.device(),
                        s.id().equals(currentSessionId)))
                .toList();
    }

    @Override
    public void end(Caller caller, String sessionId, ClientInfo client) {
        if (sessionId == null || sessionId.length() > MAX_ID_LENGTH
                || !sessions.delete(caller.accountId(), sessionId)) {
            throw AisoraException.notFound("session");
        }
        audit.record(caller.accountId(), "session_ended", sessionId, client, null);
    }

    @Override
    public int endAll(Caller caller, ClientInfo client) {
        int ended = sessions.deleteByAccount(caller.accountId());
        audit.record(caller.accountId(), "sessions_ended", caller.accountId(), client, ended + " sessions");
        return ended;
    }
}
