package org.aisora.core.internal.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A third-party provider whose deletion endpoint refuses each task a set number of times (as a vendor that
 * is down for a while answers 503) before it deletes it. Every task id is new, every delete call is counted.
 */
final class FlakyVendor implements GenerationProvider {
    private final String id;
    private final ThirdParty vendor;
    private final int failures;
    final Map<String, AtomicInteger> deleteCalls = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();

    FlakyVendor(String id, ThirdParty vendor, int failures) {
        this.id = id;
        this.vendor = vendor;
        this.failures = failures;
    }

    int calls(String taskId) {
        AtomicInteger n = deleteCalls.get(taskId);
        return n == null ? 0 : n.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<ThirdParty> thirdParty() {
        return Optional.of(vendor);
    }

    @Override
    public TrainingUse training() {
        return TrainingUse.stated(TrainsOnContent.NO, "the double's own terms", null);
    }

    @Override
    public ProviderCapabilities capabilities() {
        return new ProviderCapabilities(Set.of(GenerationType.TEXT_TO_IMAGE), 1024, 1024, 0);
    }

    @Override
    public ProviderTask submit(GenerationRequest request) {
        try {
            return ProviderTask.succeeded(id + "-task-" + UUID.randomUUID(),
                    List.of(GeneratedOutput.ofBytes("image/png", MediaFlowContract.png(64, 64))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ProviderTask poll(String taskId) {
        throw new IllegalStateException("tasks end at submit");
    }

    @Override
    public void cancel(String taskId) {
    }

    @Override
    public void deleteTask(String taskId) throws ProviderException {
        int call = deleteCalls.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
        if (!vendor.deletable()) {
            throw new AssertionError("a vendor without deletion is never asked to delete");
        }
        if (call <= failures) {
            throw new ProviderException(ProviderException.UNAVAILABLE, "503 from the double", true);
        }
        deleted.add(taskId);
    }
}
