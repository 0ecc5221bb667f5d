package org.aisora.core.internal.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;

/**
 * This node's side of the leases on video processing: who we are, how long a claim lasts, and the store calls that
 * take, renew, end and give back claims. A node processes only videos it holds a claim on; another node takes one
 * over only once its lease ran out, so a live node's videos and renditions are never touched by another.
 */
final class MediaLeases {
    private final MediaStore media;
    private final String node;
    private final Clock clock;
    private volatile Duration lease;

    MediaLeases(MediaStore media, String node, Duration lease, Clock clock) {
        this.media = media;
        this.node = node;
        this.clock = clock;
        this.lease = lease;
    }

    String node() {
        return node;
    }

    Duration lease() {
        return lease;
    }

    /** Claims made from now on last this long; the heartbeat moves the current ones on to it. */
    void lease(Duration newLease) {
        this.lease = newLease;
    }

    private Instant until() {
        return clock.instant().plus(lease);
    }

    /** Claims one item, or renews this node's claim on it. */
    boolean claim(String mediaId) {
        return media.claimProcessing(mediaId, node, clock.instant(), until());
    }

    /** Items no node holds: new, given back, or under a lease that ran out. */
    List<MediaRecord> claimFree(int limit) {
        return media.claimProcessing(node, clock.instant(), until(), limit);
    }

    int heartbeat() {
        return media.extendProcessingLeases(node, until());
    }

    boolean progress(String mediaId, int percent) {
        return media.progressProcessing(mediaId, node, percent);
    }

    boolean finish(String mediaId, List<MediaRecord> derivatives, String status, int progress, String errorCode) {
        return media.finishProcessing(mediaId, node, derivatives, status, progress, errorCode);
    }

    boolean release(String mediaId) {
        return media.releaseProcessing(mediaId, node);
    }

    int releaseAll() {
        return media.releaseProcessing(node);
    }
}
