package org.aisora.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Balances and grants; holds, captures and releases are done by the generation service. */
@ProviderType
public interface CreditService {
    CreditSummary summary(Caller caller, int offset, int limit);

    /** An operator grant through a payment processor that allows it (e.g. "manual"). */
    CreditSummary grant(String email, long amount, String reason, String processorId);

    /** An account's balance and history, for operators. */
    CreditSummary history(String email, int offset, int limit);

    /**
     * An operator's correction: a new ledger entry of kind {@code adjustment} (entries are never edited),
     * positive to add credits, negative to take unspent ones back; a reason is required.
     *
     * @throws org.aisora.api.error.AisoraException invalid_amount, reason_required (400), not_found (404),
     *         insufficient_credits (402) when a negative adjustment exceeds the available balance
     */
    CreditSummary adjust(String email, long amount, String reason);

    /** The ledger's invariant violations (unbalanced transactions, drifted or negative balances); empty when sound. */
    List<String> audit();
}
