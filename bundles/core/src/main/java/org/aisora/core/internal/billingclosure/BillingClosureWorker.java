package org.aisora.core.internal.billingclosure;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.service.BillingClosureService;
import org.aisora.api.store.BillingClosureRecord.Status;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.queue.QueuePasses;
import org.aisora.core.internal.queue.QueueStore;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains the billing closure queue on the core scheduler (see {@link BillingClosures}, {@link QueuePasses}). */
@Component(service = {BillingClosureService.class, BillingClosureWorker.class}, immediate = true,
        configurationPid = BillingClosureConfig.PID)
@Designate(ocd = BillingClosureConfig.class)
public final class BillingClosureWorker implements BillingClosureService {
    private static final Logger LOG = LoggerFactory.getLogger(BillingClosureWorker.class);

    private final BillingClosureStore store;
    private final BillingClosures closures;
    private final int batch;
    private final QueuePasses passes;

    @Activate
    public BillingClosureWorker(@Reference BillingClosureStore store, @Reference PluginRegistry registry,
                                @Reference CoreScheduler scheduler, BillingClosureConfig config) {
        this(store, id -> registry.families().payments.get(id), config, Clock.systemUTC(), scheduler);
    }

    /** @param scheduler null for tests that drive {@link #runOnce()} themselves */
    public BillingClosureWorker(BillingClosureStore store, Function<String, Optional<PaymentProcessor>> processors,
                                BillingClosureConfig config, Clock clock, CoreScheduler scheduler) {
        this.store = store;
        this.closures = new BillingClosures(store, processors, config, clock);
        this.batch = Math.max(1, config.batch());
        this.passes = new QueuePasses(scheduler, config.interval_seconds(), "billing-closures", "billing closure",
                batch, this::runOnce, LOG);
    }

    @Deactivate
    public void stop() {
        passes.stop();
    }

    /** One pass. @return rows claimed */
    public int runOnce() {
        return closures.runOnce(batch);
    }

    @Override
    public Map<String, Long> counts() {
        return QueueStore.byCode(store.countByStatus(), Status::code);
    }

    @Override
    public int runNow() {
        return runOnce();
    }
}
