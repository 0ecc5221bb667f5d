package org.aisora.api.provider;

import java.util.Objects;

/**
 * The company behind a provider, as the job's third-party processing record names it: who saw the
 * prompt and media, what that vendor states it keeps and for how long, and whether it offers a way to
 * delete a task later (so user deletions can be propagated).
 */
public record ThirdParty(String vendor, String statedRetention, boolean deletable) {
    public ThirdParty {
        Objects.requireNonNull(vendor, "vendor");
        statedRetention = statedRetention == null ? "" : statedRetention;
    }
}
