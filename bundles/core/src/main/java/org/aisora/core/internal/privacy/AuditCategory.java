package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.AuditStore;

/**
 * {@code audit.json}: the security events the account made or was the subject of (sign-ins, failed
 * sign-ins, tokens, role changes), with time and IP. Erased with the account: those rows name it.
 */
final class AuditCategory implements PersonalDataCategory {
    private final AuditStore audit;

    AuditCategory(AuditStore audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = audit.byAccount(accountId).stream().map(a -> (Object) Rows.of().put("action", a.action())
                .put("at", a.createdAt()).put("ip", a.ip()).put("byThisAccount", accountId.equals(a.actorId()))
                .put("detail", a.detail()).map()).toList();
        sink.json("audit.json", Rows.of().put("entries", rows).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return audit.deleteByAccount(accountId);
    }
}
