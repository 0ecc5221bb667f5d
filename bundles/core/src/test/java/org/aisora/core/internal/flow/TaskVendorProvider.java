package org.aisora.core.internal.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;

/**
 * The platform's side of {@link TaskVendor}: a vendor provider that talks HTTP to it, sends the core's idempotency
 * key as the vendor's {@code Idempotency-Key} header, and keeps nothing in memory, so any node polls any task.
 * Built {@code resumable = false}, it stands for a provider that cannot pick up another run's task. It can hold
 * the first output it hands out while it is read ({@link #holdFirstOutput}), so a node can die while it stores it.
 */
final class TaskVendorProvider implements GenerationProvider {
    static final String ID = "task-vendor";
    static final String VENDOR = "Task Vendor Ltd";
    private static final Pattern FIELD = Pattern.compile("\"(id|status|output)\"\\s*:\\s*\"([^\"]*)\"");

    private final String baseUrl;
    private final boolean resumable;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean holdNext = new AtomicBoolean();
    final CountDownLatch outputOpened = new CountDownLatch(1);
    final CountDownLatch releaseOutput = new CountDownLatch(1);

    TaskVendorProvider(String baseUrl, boolean resumable) {
        this.baseUrl = baseUrl;
        this.resumable = resumable;
    }

    /** The next output read blocks until {@link #releaseOutput} is counted down; the ones after it do not. */
    void holdFirstOutput() {
        holdNext.set(true);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return new ProviderCapabilities(Set.of(GenerationType.TEXT_TO_IMAGE), 1024, 1024, 0);
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(new ThirdParty(VENDOR, "deleted on request, else 30 days", true));
    }

    @Override
    public TrainingUse training() {
        return TrainingUse.stated(TrainsOnContent.NO, "the double's own terms: content is never used to train", null);
    }

    @Override
    public boolean resumable(String taskId) {
        return resumable;
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tasks"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + request.prompt().replace("\"", "'")
                        + "\"}"));
        if (request.idempotencyKey() != null) {
            post.header("Idempotency-Key", request.idempotencyKey());
        }
        String id = field(call(post.build()), "id");
        return ProviderTask.running(id);
    }

    @Override
    public ProviderTask poll(String taskId) throws ProviderException {
        String body = call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tasks/" + taskId))
                .timeout(Duration.ofSeconds(10)).GET().build());
        if (!"succeeded".equals(field(body, "status"))) {
            return ProviderTask.running(taskId);
        }
        byte[] png = Base64.getDecoder().decode(field(body, "output"));
        return ProviderTask.succeeded(taskId, List.of(new GeneratedOutput() {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public InputStream open() throws IOException {
                if (holdNext.compareAndSet(true, false)) {
                    outputOpened.countDown();
                    try {
                        releaseOutput.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                return new ByteArrayInputStream(png);
            }
        }));
    }

    @Override
    public void cancel(String taskId) {
    }

    private String call(HttpRequest request) throws ProviderException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ProviderException(ProviderException.UNAVAILABLE, "HTTP " + response.statusCode(), false);
            }
            return response.body();
        } catch (IOException e) {
            throw new ProviderException(ProviderException.UNAVAILABLE, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.UNAVAILABLE, "interrupted", false);
        }
    }

    private static String field(String json, String name) throws ProviderException {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new ProviderException("invalid_provider_output", "no " + name + " in " + json, false);
    }
}
