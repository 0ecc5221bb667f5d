package org.aisora.core.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class AttemptLogTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void outcomesFollowTheError() {
        Attempt rejected = Attempt.failed("openai",
                new ProviderException(ProviderException.CONTENT_POLICY, "no", false), 120, 0, T0);
        assertEquals(Attempt.REJECTED, rejected.outcome());
        assertEquals("content_policy_violation", rejected.errorCode());

        Attempt failed = Attempt.failed("openai",
                new ProviderException(ProviderException.UNAVAILABLE, "502", true), 80, 0, T0);
        assertEquals(Attempt.FAILED, failed.outcome());
        assertEquals("provider_unavailable", failed.errorCode());

        Attempt skipped = Attempt.skippedCircuitOpen("stability", T0);
        assertEquals("skipped_circuit_open", skipped.outcome());
        assertNull(skipped.errorCode());
        assertEquals(0, skipped.latencyMs());

        Attempt ok = Attempt.succeeded("builtin", 15, 4000, T0);
        assertEquals("succeeded", ok.outcome());
        assertEquals(4000, ok.costMicros());
    }

    @Test
    void badAttemptsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Attempt("x", "maybe", null, 0, 0, T0));
        assertThrows(IllegalArgumentException.class, () -> new Attempt("x", Attempt.FAILED, "c", -1, 0, T0));
        assertThrows(NullPointerException.class, () -> new Attempt(null, Attempt.FAILED, "c", 0, 0, T0));
    }

    @Test
    void snapshotsAreImmutableAndDoNotSeeLaterAppends() {
        AttemptLog log = new AttemptLog("job-1");
        log.append(Attempt.skippedCircuitOpen("openai", T0));
        log.append(Attempt.succeeded("stability", 900, 2500, T0.plusMillis(1)));
        List<Attempt> first = log.snapshot();
        log.append(Attempt.succeeded("builtin", 1, 100, T0.plusMillis(2)));

        assertEquals(List.of("openai", "stability"), first.stream().map(Attempt::providerId).toList());
        assertThrows(UnsupportedOperationException.class, () -> first.add(Attempt.skippedCircuitOpen("x", T0)));
        assertEquals(3, log.snapshot().size());
        assertEquals(2600, log.totalCostMicros());
        assertEquals("job-1", log.jobId());
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        AttemptLog log = new AttemptLog("job-2");
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "p" + t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        log.append(Attempt.succeeded(id, i, 1, T0));
                        log.snapshot();
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Attempt> all = log.snapshot();
        assertEquals(threads * each, all.size());
        assertEquals(threads * each, log.totalCostMicros());
        Set<String> seen = new HashSet<>();
        all.forEach(a -> seen.add(a.providerId() + "/" + a.latencyMs()));
        assertEquals(threads * each, seen.size(), "no attempt lost or duplicated");
    }
}
