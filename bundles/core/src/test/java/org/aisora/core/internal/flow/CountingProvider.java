package org.aisora.core.internal.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;

/**
 * A slow provider that counts what a vendor would bill: every submit per job, and every cancel. It renders with
 * the built-in provider but answers {@code running} for {@code millis} first, so a job spends that long in
 * polling (where a stop or a reconfiguration would catch it). Runs on our machine, like the built-in.
 */
final class CountingProvider implements GenerationProvider {
    static final String ID = "counting";

    private final GenerationProvider delegate;
    private volatile long millis;
    private final Map<String, AtomicInteger> submits = new ConcurrentHashMap<>();
    private final Map<String, ProviderTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    final AtomicInteger cancels = new AtomicInteger();

    CountingProvider(GenerationProvider delegate, long millis) {
        this.delegate = delegate;
        this.millis = millis;
    }

    /** How long each task runs from now on. */
    void millis(long millis) {
        this.millis = millis;
    }

    /** How often the job reached this provider. */
    int submits(String jobId) {
        AtomicInteger n = submits.get(jobId);
        return n == null ? 0 : n.get();
    }

    /** Submits per job, for a message that shows every job. */
    Map<String, AtomicInteger> all() {
        return submits;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ProviderTask submit(GenerationRequest request) throws ProviderException {
        submits.computeIfAbsent(request.jobId(), k -> new AtomicInteger()).incrementAndGet();
        ProviderTask done = delegate.submit(request);
        String taskId = request.jobId() + "#" + submits(request.jobId());
        tasks.put(taskId, done);
        due.put(taskId, System.currentTimeMillis() + millis);
        return ProviderTask.running(taskId);
    }

    @Override
    public ProviderTask poll(String taskId) {
        return System.currentTimeMillis() < due.get(taskId) ? ProviderTask.running(taskId) : tasks.get(taskId);
    }

    @Override
    public void cancel(String taskId) {
        cancels.incrementAndGet();
    }
}
