package org.aisora.providers.stability.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.ProviderJson;
import org.aisora.providers.support.SpooledOutput;
import org.aisora.providers.support.VendorDownload;
import org.aisora.support.vendorhttp.Multipart;
import org.aisora.support.vendorhttp.VendorResponse;

/**
 * The three HTTP exchanges with Stability's v2beta API: a synchronous Stable Image generation answered
 * with the image itself, the start of an async generation answered with its id, and the fetch of an
 * async result (202 while running, the media once done). Every call passes the account's concurrency gate.
 */
final class StabilityApi {
    static final String RESULTS = "/v2beta/results/";
    private final ResultCache cache;

    StabilityApi(ResultCache cache) {
        this.cache = cache;
    }

    /** POSTs a Stable Image generate form with {@code Accept: image/*}; the answer is the image, final at once. */
    ProviderTask generate(Settings settings, String path, Multipart form) throws ProviderException {
        HttpRequest request = post(settings, path, form, TaskId.Kind.IMAGE.accept());
        VendorDownload download = settings.gate.call(() -> settings.http.download(request, settings.spool,
                Settings.MAX_OUTPUT_BYTES));
        if (!download.ok()) {
            throw StabilityErrors.failure(settings, download.response());
        }
        return ProviderTask.succeeded(TaskId.newImage().toString(), List.of(checked(download, false)));
    }

    /** POSTs an async form; Stability answers {"id": "..."} and the task runs at Stability. */
    ProviderTask start(Settings settings, String path, Multipart form, TaskId.Kind kind) throws ProviderException {
        VendorResponse response = send(settings, post(settings, path, form, "application/json"));
        String id = ProviderJson.text(ProviderJson.parse(response), "id");
        if (!TaskId.validVendorId(id)) {
            throw new ProviderException(ProviderException.INVALID_OUTPUT, "Stability AI sent a malformed generation id",
                    false);
        }
        return ProviderTask.running(TaskId.of(kind, id).toString());
    }

    /** GETs an async result once; a fetched result is kept in the cache, since Stability gives it out once. */
    ProviderTask fetch(Settings settings, TaskId task) throws ProviderException {
        String taskId = task.toString();
        HttpRequest request = settings.http.request(RESULTS + task.vendorId())
                .header("Authorization", "Bearer " + settings.apiKey)
                .header("Accept", task.kind().accept())
                .GET().build();
        VendorDownload download = settings.gate.call(() -> settings.http.download(request, settings.spool,
                Settings.MAX_OUTPUT_BYTES));
        int status = download.status();
        if (status != 200 && download.file() != null) {
            download.file().close(); // a 202's small progress body: nothing to keep
        }
        if (status == 202) {
            return ProviderTask.running(taskId);
        }
        if (status == 404) {
            return unknown(taskId);
        }
        if (status != 200) {
            throw StabilityErrors.failure(settings, download.response());
        }
        SpooledOutput output = checked(download, task.kind().video());
        cache.put(taskId, output);
        return ProviderTask.succeeded(taskId, List.of(output));
    }

    /** The spooled answer, typed by its bytes; refused answers are deleted at once. */
    private static SpooledOutput checked(VendorDownload download, boolean video) throws ProviderException {
        SpooledOutput file = download.file();
        try {
            StabilityErrors.checkFinishReason(download.response());
            return file.typed(AnswerCheck.verified(file.head(16), download.response().contentType(), video));
        } catch (ProviderException | RuntimeException e) {
            file.close();
            throw e;
        } catch (IOException e) {
            file.close();
            throw new ProviderException(ProviderException.UNAVAILABLE, "a spooled output could not be read", true);
        }
    }

    static ProviderTask unknown(String taskId) {
        return ProviderTask.failed(taskId, "unknown_task",
                "Stability AI has no such task (never started, expired after 24 h, or fetched before)");
    }

    private static HttpRequest post(Settings settings, String path, Multipart form, String accept) {
        return settings.http.request(path)
                .header("Authorization", "Bearer " + settings.apiKey)
                .header("Accept", accept)
                .header("Content-Type", form.contentType())
                .POST(form.publisher()).build();
    }

    private static VendorResponse send(Settings settings, HttpRequest request) throws ProviderException {
        VendorResponse response = settings.gate.call(() -> settings.http.exchange(request));
        if (!response.ok()) {
            throw StabilityErrors.failure(settings, response);
        }
        return response;
    }
}
