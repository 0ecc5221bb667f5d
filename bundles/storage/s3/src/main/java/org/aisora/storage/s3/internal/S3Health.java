package org.aisora.storage.s3.internal;

import java.time.Duration;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.storage.support.MasterKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health from one HEAD on the bucket with a short timeout: it proves endpoint, credentials and bucket at
 * once; then the master key: unusable (OFFLINE), not the one that wrapped the keys in the bucket (OFFLINE),
 * generated rather than configured (DEGRADED). Remembered for a few seconds, because plugin listings ask for every plugin's health on each call.
 */
final class S3Health {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final long CACHE_NANOS = Duration.ofSeconds(10).toNanos();

    private final S3Client client;
    private final S3Settings settings;
    private final MasterKey master;
    private final BucketKeys keys;
    private volatile Checked last;

    S3Health(S3Client client, S3Settings settings, MasterKey master, BucketKeys keys) {
        this.client = client;
        this.settings = settings;
        this.master = master;
        this.keys = keys;
    }

    PluginHealth current() {
        Checked checked = last;
        long now = System.nanoTime();
        if (checked == null || now - checked.at() > CACHE_NANOS) {
            checked = new Checked(check(), now);
            last = checked;
        }
        return checked.health();
    }

    private PluginHealth check() {
        try {
            client.headBucket(b -> b.bucket(settings.bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT).apiCallAttemptTimeout(TIMEOUT)));
        } catch (SdkException e) {
            String reason = S3Errors.notFound(e) ? "bucket does not exist" : S3Errors.describe(e);
            return PluginHealth.offline(reason + " (" + settings.location() + ")");
        }
        if (master.health().status() != PluginHealth.Status.OFFLINE && keys.wrappedByAnotherMasterKey(TIMEOUT)) {
            return PluginHealth.offline("the data keys under " + keys.location() + " in bucket " + settings.bucket()
                    + " were wrapped by another master key: was .master.key changed, or do nodes differ?");
        }
        return master.health();
    }

    private record Checked(PluginHealth health, long at) {
    }
}
