package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.PolicyStore;

/**
 * {@code policy-acceptances.json}: every version of the privacy policy the account accepted, when and from
 * which address (registration records the first). Erased with the account.
 */
final class PolicyAcceptancesCategory implements PersonalDataCategory {
    private final PolicyStore policies;

    PolicyAcceptancesCategory(PolicyStore policies) {
        this.policies = policies;
    }

    @Override
    public String name() {
        return "policy-acceptances";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> acceptances = policies.byAccount(accountId).stream().map(a -> (Object) Rows.of()
                .put("version", a.version()).put("acceptedAt", a.acceptedAt()).put("ip", a.ip()).map()).toList();
        sink.json("policy-acceptances.json", Rows.of().put("acceptances", acceptances).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return policies.deleteByAccount(accountId);
    }
}
