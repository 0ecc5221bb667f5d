package org.aisora.api.provider;

import java.util.Optional;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An AI generation backend. The core calls {@link #submit} once per attempt and then {@link #poll}
 * until the task is terminal; a provider that finishes synchronously returns a terminal task from submit.
 * Failures are {@link ProviderException}s with the codes it defines, so the core can retry, fall back
 * or end the job.
 */
@ConsumerType
public interface GenerationProvider extends Plugin {
    ProviderCapabilities capabilities();

    ProviderTask submit(GenerationRequest request) throws ProviderException;

    ProviderTask poll(String taskId) throws ProviderException;

    void cancel(String taskId) throws ProviderException;

    /** The third party that sees a job's prompt and media; empty for providers that run on our machine. */
    default Optional<ThirdParty> thirdParty() {
        return Optional.empty();
    }

    /**
     * Whether the vendor may train on what it is sent, and the source of that statement. The core never routes
     * a job to a provider that is not {@link TrainingUse#routable()}. The default says {@code no} for a provider
     * that runs on our machine and {@code unknown} for one with a {@link #thirdParty()}: a vendor provider
     * states its own terms by overriding this.
     */
    default TrainingUse training() {
        return thirdParty().isEmpty() ? TrainingUse.local("runs on this platform's own machines; nothing is sent out")
                : new TrainingUse(TrainsOnContent.UNKNOWN, "the provider does not state its vendor's training terms",
                false);
    }

    /** What one attempt costs us at the vendor, in millionths of a US dollar, from the price table. */
    default long costMicros(GenerationRequest request) {
        return 0;
    }

    /**
     * Asks the vendor to delete what it keeps of a finished task (a user's erasure request propagated).
     * Providers whose vendor offers no deletion do nothing; {@link ThirdParty#deletable()} tells which.
     */
    default void deleteTask(String taskId) throws ProviderException {
    }
}
