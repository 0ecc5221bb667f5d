package org.aisora.api.provider;

import java.util.Locale;

/**
 * Whether a provider's vendor may use the prompts, inputs and outputs it is sent to train or improve its
 * models, as the vendor's own terms state it. {@code UNKNOWN} is treated like {@code YES}: the policy promises
 * that content is not used for training, so only a stated {@code NO} (or an agreement) lets a job through.
 */
public enum TrainsOnContent {
    NO,
    YES,
    UNKNOWN;

    /** {@code no}, {@code yes} or {@code unknown}, as the API and the console show it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
