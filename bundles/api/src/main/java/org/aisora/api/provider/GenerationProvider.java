package org.aisora.api.provider;

import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An AI generation backend. The core calls {@link #submit} once per attempt and then {@link #poll}
 * until the task is terminal; a provider that finishes synchronously returns a terminal task from submit.
 */
@ConsumerType
public interface GenerationProvider extends Plugin {
    ProviderCapabilities capabilities();

    ProviderTask submit(GenerationRequest request) throws ProviderException;

    ProviderTask poll(String taskId) throws ProviderException;

    void cancel(String taskId) throws ProviderException;
}
