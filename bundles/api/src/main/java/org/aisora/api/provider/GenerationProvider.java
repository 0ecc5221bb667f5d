package org.aisora.api.provider;

import java.util.Optional;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An AI generation backend. The core calls {@link #submit} once per attempt and then {@link #poll}
 * until the task is terminal; a provider that finishes synchronously returns a terminal task from submit.
 * A task whose node died is only polled, from another node, where {@link #resumable} allows it.
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
     * Whether {@link #poll} answers for {@code taskId} in a later run of the platform: on another node, or on this
     * one after a restart. The core then polls a task that a crashed node left running instead of submitting the
     * job again (a second vendor call, a second copy of the user's content); where it cannot, the attempt is
     * settled as lost and the job ends with its credits released. The default says no, right for a provider
     * whose tasks live in its memory; one whose vendor keeps tasks that can be fetched by id says yes.
     * @since 1.3
     */
    default boolean resumable(String taskId) {
        return false;
    }

    /**
     * Asks the vendor to delete what it keeps of a finished task (a user's erasure request propagated).
     * Providers whose vendor offers no deletion do nothing; {@link ThirdParty#deletable()} tells which.
     */
    default void deleteTask(String taskId) throws ProviderException {
    }
}
