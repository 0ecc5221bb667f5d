package org.aisora.core.internal.retention;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.store.RetentionStore;
import org.aisora.api.store.RetentionStore.Table;

/**
 * Which retention rule each row follows, and re-deriving expiries from creation times: when an account
 * changes plan (upgrade extends, downgrade shortens) and when the active policy or its settings change.
 * Only expiries still in the future move; what has expired stays expired.
 */
public final class Expiries {
    /** Media kinds (the media table's own) and the policy's artifact kind each follows. */
    static final Map<String, ArtifactKind> MEDIA_KINDS = Map.of(
            "upload", ArtifactKind.ORIGINAL_UPLOAD,
            "generated", ArtifactKind.GENERATED_OUTPUT,
            "thumbnail", ArtifactKind.THUMBNAIL,
            "rendition", ArtifactKind.RENDITION);
    /** A job row is the operational log of a generation. */
    static final ArtifactKind JOB_KIND = ArtifactKind.OPERATIONAL_LOG;

    private final RetentionStore store;

    public Expiries(RetentionStore store) {
        this.store = store;
    }

    /** One account after a plan change. @return rows whose expiry moved */
    public int rederiveAccount(String accountId, String plan, RetentionPolicy policy, Instant now) {
        int changed = 0;
        for (Map.Entry<String, ArtifactKind> kind : MEDIA_KINDS.entrySet()) {
            changed += store.rederive(Table.MEDIA, accountId, kind.getKey(),
                    policy.retention(plan, kind.getValue()).toMillis(), now);
        }
        return changed + store.rederive(Table.JOBS, accountId, "job", policy.retention(plan, JOB_KIND).toMillis(), now);
    }

    /** Every account of every plan, under the active policy. @return rows whose expiry moved */
    public int rederiveAll(Collection<String> plans, RetentionPolicy policy, Instant now) {
        Set<String> all = new LinkedHashSet<>(plans);
        all.add("free");
        all.add("pro");
        int changed = 0;
        for (String plan : all) {
            for (Map.Entry<String, ArtifactKind> kind : MEDIA_KINDS.entrySet()) {
                changed += store.rederiveForPlan(Table.MEDIA, plan, kind.getKey(),
                        policy.retention(plan, kind.getValue()).toMillis(), now);
            }
            changed += store.rederiveForPlan(Table.JOBS, plan, "job", policy.retention(plan, JOB_KIND).toMillis(), now);
        }
        return changed;
    }
}
