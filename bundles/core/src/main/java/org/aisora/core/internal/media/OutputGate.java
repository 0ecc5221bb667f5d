package org.aisora.core.internal.media;

import org.aisora.api.provider.ProviderException;

/** Decides whether a generated output may be kept, before it is stored. */
@FunctionalInterface
public interface OutputGate {
    /**
     * @throws ProviderException {@code output_rejected} when an engine flags it, {@code moderation_unavailable}
     *                           when no engine could check it
     */
    void check(byte[] output, String contentType) throws ProviderException;
}
