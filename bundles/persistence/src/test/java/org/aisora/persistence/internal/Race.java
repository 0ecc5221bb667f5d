package org.aisora.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one action on n threads released together, so they really collide; returns what each returned. */
final class Race {
    private Race() {
    }

    static List<Object> run(int n, Callable<Object> action) throws Exception {
        return each(n, i -> action);
    }

    /** Like {@link #run}, with an action per thread made from its index (0 to n - 1). */
    static List<Object> each(int n, java.util.function.IntFunction<Callable<Object>> actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Object> action = actions.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
