package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aisora.api.store.LedgerStore;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test: hold+capture pairs per second through the real JpaLedgerStore, each pair what
 * a generation costs the ledger (hold at submit, capture at settle). Surefire's default includes skip it;
 * {@code bench/ledger/run.sh} runs it by name. Closed loop: every thread posts a hold for a new job, then
 * its capture, and times the pair; a warm-up of up to 3 s is discarded. Properties: bench.db (mariadb|h2),
 * bench.seconds, bench.threads, bench.users (threads share users round-robin), bench.out (a file for the line).
 */
final class LedgerBench {
    private static final long GRANT = 1_000_000_000_000L;

    @Test
    void holdAndCapture() throws Exception {
        boolean h2 = "h2".equals(System.getProperty("bench.db", "mariadb"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int threads = Integer.getInteger("bench.threads", 16);
        int userCount = Integer.getInteger("bench.users", threads);
        try (TestStores stores = h2 ? TestStores.h2() : TestStores.mariaDb()) {
            LedgerStore ledger = stores.ledger();
            List<String> users = new ArrayList<>();
            for (int u = 0; u < userCount; u++) {
                users.add(UUID.randomUUID().toString());
                ledger.post(Fixtures.grant("grant:" + users.get(u), users.get(u), GRANT));
            }
            run(ledger, users, threads, Math.min(3, seconds)); // warm-up, discarded
            long start = System.nanoTime();
            long[] pairs = run(ledger, users, threads, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            String line = String.format("ledger hold+capture on %s, %d threads, %d users, %d s: %d pairs, "
                            + "%.1f pairs/s (%.1f postings/s), p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    h2 ? "H2" : "MariaDB", threads, userCount, seconds, pairs.length, pairs.length / elapsed,
                    2 * pairs.length / elapsed, pct(pairs, 50), pct(pairs, 99), pct(pairs, 100));
            System.out.println(line);
            String out = System.getProperty("bench.out", "");
            if (!out.isEmpty()) {
                Files.writeString(Path.of(out), line + System.lineSeparator());
            }
            assertEquals(List.of(), ledger.audit());
        }
    }

    /** Pair latencies in nanoseconds, sorted. */
    private static long[] run(LedgerStore ledger, List<String> users, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = users.get(t % users.size());
                Random random = new Random(t);
                results.add(pool.submit(() -> {
                    go.await();
                    long[] latencies = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String job = UUID.randomUUID().toString();
                        long amount = 1 + random.nextInt(100);
                        long t0 = System.nanoTime();
                        if (!ledger.post(Fixtures.hold("hold:" + job, user, amount))
                                || !ledger.post(Fixtures.capture("settle:" + job, user, amount))) {
                            throw new AssertionError("a fresh key was ignored: " + job);
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, 2 * n);
                        }
                        latencies[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            go.countDown();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get(seconds + 120L, TimeUnit.SECONDS));
            }
            return all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
