package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Reading the audit log ({@link AuditLog} writes it). */
@ProviderType
public interface AuditTrail {
    /**
     * The newest entries first.
     *
     * @throws org.aisora.api.error.AisoraException admin_only (403) unless the caller is an admin
     */
    List<AuditEntry> recent(Caller caller, int offset, int limit);
}
