package org.aisora.storage.s3.internal;

import java.time.Duration;
import org.aisora.api.plugin.PluginHealth;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health from one HEAD on the bucket with a short timeout: it proves endpoint, credentials and bucket at
 * once. Remembered for a few seconds, because plugin listings ask for every plugin's health on each call.
 */
final class S3Health {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final long CACHE_NANOS = Duration.ofSeconds(10).toNanos();

    private final S3Client client;
    private final S3Settings settings;
    private volatile Checked last;

    S3Health(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
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
            return PluginHealth.online();
        } catch (SdkException e) {
            String reason = S3Errors.notFound(e) ? "bucket does not exist" : S3Errors.describe(e);
            return PluginHealth.offline(reason + " (" + settings.location() + ")");
        }
    }

    private record Checked(PluginHealth health, long at) {
    }
}
