package org.aisora.core.internal.billingclosure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.service.BillingClosureService;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains the billing closure queue on the core scheduler (see {@link BillingClosures}). */
@Component(service = {BillingClosureService.class, BillingClosureWorker.class}, immediate = true,
        configurationPid = BillingClosureConfig.PID)
@Designate(ocd = BillingClosureConfig.class)
public final class BillingClosureWorker implements BillingClosureService {
    private static final Logger LOG = LoggerFactory.getLogger(BillingClosureWorker.class);

    private final BillingClosureStore store;
    private final BillingClosures closures;
    private final int batch;
    /** The scheduled passes and their lane; null when not scheduled (tests, or interval.seconds = 0). */
    private final Lane lane;
    private final CoreScheduler.Periodic passes;

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
        if (scheduler != null && config.interval_seconds() > 0) {
            Duration every = Duration.ofSeconds(config.interval_seconds());
            this.lane = scheduler.lane("billing-closures", 1, 1);
            this.passes = scheduler.every(lane, "billing closure pass", every, every, this::scan);
        } else {
            this.lane = null;
            this.passes = null;
        }
    }

    @Deactivate
    public void stop() {
        if (lane != null) {
            passes.cancel();
            lane.shutdownNow();
        }
    }

    private void scan() {
        try {
            while (runOnce() == batch) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("billing closure pass failed, the next one resumes it: {}", e.toString());
        }
    }

    /** One pass. @return rows claimed */
    public int runOnce() {
        return closures.runOnce(batch);
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        store.countByStatus().forEach((status, n) -> counts.put(status.code(), n));
        return counts;
    }

    @Override
    public int runNow() {
        return runOnce();
    }
}
