package org.aisora.core.internal.flow;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.aisora.providers.support.testing.FakeVendor.Request;

/**
 * A vendor with asynchronous tasks on a real loopback HTTP port, as the crash run describes it: it counts
 * submits per idempotency key, keeps every task running until the test finishes it, and can hold a submit's
 * answer back (a node that dies before the vendor answers). The contract: {@code POST /v1/tasks} with an
 * {@code Idempotency-Key} header answers {@code 201 {"id": ...}}; a repeated key answers the same task, as a
 * vendor with idempotency does; {@code GET /v1/tasks/{id}} answers {@code {"id", "status": running|succeeded,
 * "output": base64 PNG}}.
 */
final class TaskVendor implements AutoCloseable {
    final FakeVendor http;
    final List<String> keys = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, String> taskByKey = new ConcurrentHashMap<>();
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final byte[] png;
    /** Counted down to let held submits answer. */
    volatile CountDownLatch answer = new CountDownLatch(0);
    /** Called with each submit's key as it arrives, before the vendor answers (and before it is held). */
    volatile Consumer<String> onSubmit = key -> { };

    TaskVendor() throws Exception {
        png = MediaFlowContract.png(64, 64);
        http = new FakeVendor();
        http.on("POST /v1/tasks", this::submit);
        http.on("GET /v1/tasks/*", this::task);
    }

    String baseUrl() {
        return http.baseUrl();
    }

    int submits() {
        return keys.size();
    }

    int polls(String taskId) {
        AtomicInteger n = polls.get(taskId);
        return n == null ? 0 : n.get();
    }

    /** Lets the task finish: its next poll answers succeeded with the image. */
    void finish(String taskId) {
        done.put(taskId, true);
    }

    String taskOf(String key) {
        return taskByKey.get(key);
    }

    private Reply submit(Request request) {
        String key = request.header("Idempotency-Key");
        keys.add(String.valueOf(key));
        onSubmit.accept(key);
        try {
            if (!answer.await(30, TimeUnit.SECONDS)) {
                return Reply.json(504, "{\"error\":\"held too long\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = key == null ? "t-" + ids.incrementAndGet() : taskByKey.computeIfAbsent(key,
                k -> "t-" + ids.incrementAndGet());
        return Reply.json(201, "{\"id\":\"" + id + "\"}");
    }

    private Reply task(Request request) {
        String id = request.path().substring("/v1/tasks/".length());
        polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (!taskByKey.containsValue(id)) {
            return Reply.json(404, "{\"error\":\"no such task\"}");
        }
        if (!done.containsKey(id)) {
            return Reply.json(200, "{\"id\":\"" + id + "\",\"status\":\"running\"}");
        }
        return Reply.json(200, "{\"id\":\"" + id + "\",\"status\":\"succeeded\",\"output\":\""
                + Base64.getEncoder().encodeToString(png) + "\"}");
    }

    @Override
    public void close() throws IOException {
        answer.countDown();
        http.close();
    }
}
