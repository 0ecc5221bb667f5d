package org.aisora.providers.openai.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.aisora.api.provider.ProviderTask;

/**
 * The last few finished tasks, so a poll() after submit() still answers. The core copies outputs as soon
 * as submit() returns them, so this only covers a repeated poll; image bytes are large, hence the small bound.
 */
final class FinishedTasks {
    private final Map<String, ProviderTask> tasks;

    FinishedTasks(int capacity) {
        tasks = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ProviderTask> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(ProviderTask task) {
        tasks.put(task.taskId(), task);
    }

    /** @return the task, or null when it was never ours or has been pushed out */
    synchronized ProviderTask get(String taskId) {
        return tasks.get(taskId);
    }
}
