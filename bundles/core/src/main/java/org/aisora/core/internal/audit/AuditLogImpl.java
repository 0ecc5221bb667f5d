package org.aisora.core.internal.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.service.AuditEntry;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.AuditTrail;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.AuditRecord;
import org.aisora.api.store.AuditStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log. Each row expires with the operational-log retention of the actor's plan (an unknown
 * actor counts as the free plan). Fields are cut to their column widths; a row that cannot be written is
 * logged and dropped rather than failing the sign-in or revocation it describes.
 */
@Component(service = {AuditLog.class, AuditTrail.class})
public final class AuditLogImpl implements AuditLog, AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogImpl.class);
    public static final int MAX_LIMIT = 500;

    private final AuditStore store;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final Clock clock;

    @Activate
    public AuditLogImpl(@Reference AuditStore store, @Reference AccountStore accounts,
                        @Reference PluginRegistry registry) {
        this(store, accounts, registry, Clock.systemUTC());
    }

    public AuditLogImpl(AuditStore store, AccountStore accounts, PluginRegistry registry, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void record(String actorId, String action, String subject, ClientInfo client, String detail) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit record needs an action");
        }
        Instant now = clock.instant();
        String plan = actorId == null ? null : accounts.findById(actorId).map(AccountRecord::plan).orElse(null);
        AuditRecord row = new AuditRecord(UUID.randomUUID().toString(), actorId, cut(action, 64), cut(subject, 200),
                client == null ? null : cut(client.ip(), 64), client == null ? null : cut(client.userAgent(), 400),
                cut(detail, 500), now, Expiry.of(registry, plan, ArtifactKind.OPERATIONAL_LOG, now));
        try {
            store.insert(row);
        } catch (RuntimeException e) {
            LOG.warn("audit record {} for {} could not be written", action, actorId, e);
        }
    }

    @Override
    public List<AuditEntry> recent(Caller caller, int offset, int limit) {
        if (caller == null || !caller.isAdmin()) {
            throw AisoraException.forbidden("admin_only", "this needs the admin role (aisora:user-role)");
        }
        return store.recent(Math.max(0, offset), Math.max(1, Math.min(MAX_LIMIT, limit))).stream()
                .map(AuditLogImpl::view).toList();
    }

    static AuditEntry view(AuditRecord r) {
        return new AuditEntry(r.id(), r.actorId(), r.action(), r.subject(), r.ip(), r.userAgent(), r.detail(),
                r.createdAt(), r.expiresAt());
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
