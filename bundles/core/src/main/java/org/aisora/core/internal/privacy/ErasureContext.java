package org.aisora.core.internal.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;

/**
 * What an erasure tells its categories (the pseudonym for the records the law keeps, when it started) and
 * what they tell it back for the receipt: sub-counts ({@code media.thumbnail}) and third-party results.
 */
public final class ErasureContext {
    private final String pseudonym;
    private final Instant now;
    private final Map<String, Long> details = new TreeMap<>();
    private final List<ThirdPartyDeletion> thirdParties = new ArrayList<>();

    ErasureContext(String pseudonym, Instant now) {
        this.pseudonym = pseudonym;
        this.now = now;
    }

    /** A random id standing in for the account in kept records; the same on every run of one erasure. */
    public String pseudonym() {
        return pseudonym;
    }

    public Instant now() {
        return now;
    }

    /** Adds to a sub-count of the receipt, e.g. {@code media.rendition}. */
    public void detail(String key, long count) {
        details.merge(key, count, Long::sum);
    }

    public void thirdParty(ThirdPartyDeletion result) {
        thirdParties.add(result);
    }

    Map<String, Long> details() {
        return details;
    }

    List<ThirdPartyDeletion> thirdParties() {
        return thirdParties;
    }
}
