package org.aisora.api.moderation;

import java.io.IOException;
import java.io.InputStream;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** Checks prompts before dispatch and media before a job succeeds. */
@ConsumerType
public interface ModerationEngine extends Plugin {
    ModerationVerdict moderateText(String text);

    /** Engines that only read text let images through; the core chains every engine that is active. */
    default ModerationVerdict moderateImage(InputStream image, String contentType) throws IOException {
        return ModerationVerdict.allow();
    }

    /**
     * Whether {@link #moderateImage} judges what an image shows (a classifier). An engine that lets images
     * through, or only matches them against a list of known images (a perceptual-hash blocklist), says
     * {@code false}: without one engine saying {@code true} the core does not send jobs to vendor providers
     * (unless the operator allows it) and reports its health DEGRADED.
     *
     * @since 1.1
     */
    default boolean classifiesImages() {
        return false;
    }
}
