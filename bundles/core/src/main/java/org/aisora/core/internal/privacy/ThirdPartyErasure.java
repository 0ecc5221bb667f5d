package org.aisora.core.internal.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;
import org.aisora.api.store.JobAttempt;
import org.aisora.core.internal.plugins.PluginRegistry;

/**
 * Propagates an erasure to the vendors that saw the account's jobs, from the third-party record of
 * {@code job_attempts}: each vendor task is deleted where the vendor offers it. A provider that is not
 * installed now is {@code pending}, one that fails is {@code failed}; neither stops the erasure.
 */
final class ThirdPartyErasure {
    static final String DELETED = "deleted";
    static final String NOT_SUPPORTED = "not_supported";
    static final String PENDING = "pending";
    static final String FAILED = "failed";

    private final PluginRegistry registry;

    ThirdPartyErasure(PluginRegistry registry) {
        this.registry = registry;
    }

    /** One result per provider and status, with the number of tasks it covers. */
    List<ThirdPartyDeletion> propagate(List<JobAttempt> attempts) {
        Map<List<String>, Long> results = new LinkedHashMap<>();
        for (JobAttempt a : attempts) {
            if (a.vendor() == null || a.vendorTaskId() == null) {
                continue; // ran on our machine, or never reached the vendor
            }
            String status = a.vendorDeletable() ? delete(a) : NOT_SUPPORTED;
            results.merge(List.of(a.providerId(), a.vendor(), status), 1L, Long::sum);
        }
        List<ThirdPartyDeletion> out = new ArrayList<>();
        results.forEach((k, n) -> out.add(new ThirdPartyDeletion(k.get(0), k.get(1), k.get(2), n)));
        return out;
    }

    private String delete(JobAttempt a) {
        Optional<GenerationProvider> provider = registry.families().providers.get(a.providerId());
        if (provider.isEmpty()) {
            return PENDING;
        }
        try {
            provider.get().deleteTask(a.vendorTaskId());
            return DELETED;
        } catch (ProviderException | RuntimeException e) {
            return FAILED;
        }
    }
}
