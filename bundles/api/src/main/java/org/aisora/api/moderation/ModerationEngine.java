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
}
