package org.aisora.api.policy;

import java.time.Duration;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** How long an artifact of a given kind is kept for an account on a given plan ("free", "pro"). */
@ConsumerType
public interface RetentionPolicy extends Plugin {
    Duration retention(String plan, ArtifactKind kind);
}
