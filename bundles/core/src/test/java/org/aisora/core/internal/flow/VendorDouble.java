package org.aisora.core.internal.flow;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;

/**
 * A third-party provider on our side of the SPI: it answers at once with one PNG whose bytes are held back
 * until the test lets them through (so a job can be caught while its output is being stored), and it
 * records the tasks the platform asks it to delete. It states that it does not train on content unless built
 * with another {@link TrainingUse}, and counts every submit (a vendor that must not be called shows zero).
 */
final class VendorDouble implements GenerationProvider {
    static final String ID = "vendor-double";
    static final String VENDOR = "Double Vendor Ltd";

    final List<String> deleted = new CopyOnWriteArrayList<>();
    final CountDownLatch outputOpened = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(0);
    private final AtomicInteger tasks = new AtomicInteger();
    private final String id;
    private final TrainingUse training;

    VendorDouble() {
        this(ID, TrainingUse.stated(TrainsOnContent.NO, "the double's own terms: content is never used to train",
                null));
    }

    VendorDouble(String id, TrainingUse training) {
        this.id = id;
        this.training = training;
    }

    /** How many jobs reached the vendor. */
    int submits() {
        return tasks.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TrainingUse training() {
        return training;
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
    public ProviderTask submit(GenerationRequest request) {
        byte[] png;
        try {
            png = MediaFlowContract.png(64, 64);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        CountDownLatch gate = release;
        GeneratedOutput output = new GeneratedOutput() {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public InputStream open() {
                return new FilterInputStream(new ByteArrayInputStream(png)) {
                    private boolean waited;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (!waited) {
                            waited = true;
                            outputOpened.countDown();
                            try {
                                gate.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IOException(e);
                            }
                        }
                        return super.read(b, off, len);
                    }
                };
            }
        };
        return ProviderTask.succeeded("task-" + tasks.incrementAndGet(), List.of(output));
    }

    @Override
    public ProviderTask poll(String taskId) {
        throw new IllegalStateException("tasks end at submit");
    }

    @Override
    public void cancel(String taskId) {
    }

    @Override
    public void deleteTask(String taskId) {
        deleted.add(taskId);
    }
}
