package org.aisora.providers.runway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.ProviderJson;
import org.aisora.providers.support.SpooledOutput;

/**
 * Turns Runway's task document into our task state. A succeeded task's videos are downloaded here, before
 * SUCCEEDED is reported: the core stores outputs at once and never sees a vendor URL.
 */
final class TaskReader {
    static final String PROVIDER_FAILED = "provider_failed";
    /** Runway returns one video per task; a long list is not a contract we know. */
    private static final int MAX_OUTPUTS = 4;

    private final OutputDownloader downloader;

    TaskReader(OutputDownloader downloader) {
        this.downloader = downloader;
    }

    ProviderTask read(String taskId, JsonNode task) throws ProviderException {
        String status = ProviderJson.text(task, "status");
        return switch (status) {
            case "SUCCEEDED" -> ProviderTask.succeeded(taskId, outputs(task.path("output")));
            case "FAILED" -> failed(taskId, task.path("failureCode").asText(""));
            case "CANCELLED" -> new ProviderTask(taskId, ProviderTask.Status.CANCELED, List.of(), null, null);
            // PENDING, THROTTLED (queued behind our account's concurrency at Runway), RUNNING, and any newer
            // in-progress state: the core keeps polling until its own job timeout
            default -> ProviderTask.running(taskId);
        };
    }

    private List<GeneratedOutput> outputs(JsonNode output) throws ProviderException {
        if (!output.isArray() || output.isEmpty() || output.size() > MAX_OUTPUTS) {
            throw new ProviderException(ProviderException.INVALID_OUTPUT,
                    "Runway reported success without a usable output list", false);
        }
        List<GeneratedOutput> videos = new ArrayList<>();
        try {
            for (JsonNode url : output) {
                if (!url.isTextual()) {
                    throw new ProviderException(ProviderException.INVALID_OUTPUT, "Runway's output is not a URL", false);
                }
                videos.add(downloader.fetch(url.asText()));
            }
            return videos;
        } catch (ProviderException | RuntimeException e) {
            // spooled files nobody will receive are deleted now, not at the next start
            videos.forEach(v -> ((SpooledOutput) v).close());
            throw e;
        }
    }

    /**
     * Runway's failure codes (docs "Task failures"): SAFETY.* and INPUT_PREPROCESSING.SAFETY.* are content
     * moderation, not to be retried; other INPUT_PREPROCESSING.* reject the input, except .INTERNAL, which is
     * a failure on Runway's side like INTERNAL.*. Runway's free-text 'failure' is not passed on: it is
     * diagnostic, and the code says what we need.
     */
    static ProviderTask failed(String taskId, String failureCode) {
        String code = failureCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_.]", "");
        code = code.substring(0, Math.min(64, code.length()));
        String ours;
        if (code.startsWith("SAFETY") || code.startsWith("INPUT_PREPROCESSING.SAFETY")) {
            ours = ProviderException.CONTENT_POLICY;
        } else if (code.startsWith("INPUT_PREPROCESSING") && !code.startsWith("INPUT_PREPROCESSING.INTERNAL")) {
            ours = ProviderException.INVALID_REQUEST;
        } else {
            ours = PROVIDER_FAILED;
        }
        String message = ours.equals(ProviderException.CONTENT_POLICY)
                ? "Runway's content moderation rejected the task"
                : "Runway could not generate this";
        return ProviderTask.failed(taskId, ours, code.isEmpty() ? message : message + " (" + code + ")");
    }
}
