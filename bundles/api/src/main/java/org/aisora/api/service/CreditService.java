package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** Balances and grants; holds, captures and releases are done by the generation service. */
@ProviderType
public interface CreditService {
    CreditSummary summary(Caller caller, int offset, int limit);

    /** An operator grant through a payment processor that allows it (e.g. "manual"). */
    CreditSummary grant(String email, long amount, String reason, String processorId);
}
