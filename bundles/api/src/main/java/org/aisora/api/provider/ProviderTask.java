package org.aisora.api.provider;

import java.util.List;

/** The state of one task at a provider: running, or finished with outputs or an error. */
public record ProviderTask(String taskId, Status status, List<GeneratedOutput> outputs, String errorCode,
                           String errorMessage) {
    public enum Status { RUNNING, SUCCEEDED, FAILED, CANCELED }

    public ProviderTask {
        outputs = List.copyOf(outputs);
    }

    public static ProviderTask running(String taskId) {
        return new ProviderTask(taskId, Status.RUNNING, List.of(), null, null);
    }

    public static ProviderTask succeeded(String taskId, List<GeneratedOutput> outputs) {
        return new ProviderTask(taskId, Status.SUCCEEDED, outputs, null, null);
    }

    public static ProviderTask failed(String taskId, String errorCode, String errorMessage) {
        return new ProviderTask(taskId, Status.FAILED, List.of(), errorCode, errorMessage);
    }

    public boolean isTerminal() {
        return status != Status.RUNNING;
    }
}
