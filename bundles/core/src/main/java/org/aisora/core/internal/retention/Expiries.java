package org.aisora.core.internal.retention;

import java.time.Duration;
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
 * changes plan (upgrade extends, downgrade shortens, after the downgrade grace) and when the active policy or its
 * settings change. Only expiries still in the future move; what has expired stays expired.
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

    /**
     * One account after a plan change. After a downgrade nothing expires sooner than {@code downgradeGrace} after
     * the downgrade (accounts.downgraded_at), nor later than under the old plan. @return rows whose expiry moved
     */
    public int rederiveAccount(String accountId, String plan, RetentionPolicy policy, Duration downgradeGrace,
                               Instant now) {
        long grace = downgradeGrace.toMillis();
        int changed = 0;
        for (Map.Entry<String, ArtifactKind> kind : MEDIA_KINDS.entrySet()) {
            changed += store.rederive(Table.MEDIA, accountId, kind.getKey(),
                    policy.retention(plan, kind.getValue()).toMillis(), grace, now);
        }
        return changed + store.rederive(Table.JOBS, accountId, "job", policy.retention(plan, JOB_KIND).toMillis(),
                grace, now);
    }

    /**
     * Every account of every plan, under the active policy, with the downgrade grace of accounts whose plan changed
     * recently. @return rows whose expiry moved
     */
    public int rederiveAll(Collection<String> plans, RetentionPolicy policy, Duration downgradeGrace, Instant now) {
        long grace = downgradeGrace.toMillis();
        Set<String> all = new LinkedHashSet<>(plans);
        all.add("free");
        all.add("pro");
        int changed = 0;
        for (String plan : all) {
            for (Map.Entry<String, ArtifactKind> kind : MEDIA_KINDS.entrySet()) {
                changed += store.rederiveForPlan(Table.MEDIA, plan, kind.getKey(),
                        policy.retention(plan, kind.getValue()).toMillis(), grace, now);
            }
            changed += store.rederiveForPlan(Table.JOBS, plan, "job", policy.retention(plan, JOB_KIND).toMillis(),
                    grace, now);
        }
        return changed;
    }
}
