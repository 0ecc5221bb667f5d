package org.aisora.persistence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.LedgerTransaction;

/**
 * Threads posting random grants, holds, captures and releases on a few shared users, plus re-posts of
 * keys they already used. Each thread adds up what its accepted postings moved, so the test can compare
 * the ledger with what should be there.
 */
final class LedgerWorkload {
    record Outcome(Map<String, Long> moved, int posted, int refused, int duplicates) {
        Outcome plus(Outcome o) {
            Map<String, Long> sum = new HashMap<>(moved);
            o.moved.forEach((k, v) -> sum.merge(k, v, Long::sum));
            return new Outcome(sum, posted + o.posted, refused + o.refused, duplicates + o.duplicates);
        }
    }

    private LedgerWorkload() {
    }

    static Outcome run(LedgerStore ledger, String keyPrefix, List<String> users, int threads, int ops)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 1000L + t;
                results.add(pool.submit(() -> {
                    start.await();
                    return worker(ledger, keyPrefix, users, ops, new Random(seed));
                }));
            }
            start.countDown();
            Outcome total = new Outcome(Map.of(), 0, 0, 0);
            for (Future<Outcome> f : results) {
                total = total.plus(f.get(120, TimeUnit.SECONDS));
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome worker(LedgerStore ledger, String keyPrefix, List<String> users, int ops, Random random) {
        Map<String, Long> moved = new HashMap<>();
        List<LedgerTransaction> mine = new ArrayList<>();
        int posted = 0;
        int refused = 0;
        int duplicates = 0;
        for (int i = 0; i < ops; i++) {
            int dice = random.nextInt(100);
            if (dice < 10 && !mine.isEmpty()) {
                if (ledger.post(mine.get(random.nextInt(mine.size())))) {
                    throw new AssertionError("a second post of a key took effect");
                }
                duplicates++;
                continue;
            }
            String user = users.get(random.nextInt(users.size()));
            long amount = 1 + random.nextInt(20);
            String key = keyPrefix + UUID.randomUUID();
            LedgerTransaction t = dice < 40 ? Fixtures.grant(key, user, amount)
                    : dice < 65 ? Fixtures.hold(key, user, amount)
                    : dice < 85 ? Fixtures.capture(key, user, amount)
                    : Fixtures.release(key, user, amount);
            try {
                if (!ledger.post(t)) {
                    throw new AssertionError("a fresh key was refused: " + key);
                }
                posted++;
                mine.add(t);
                t.postings().forEach(p -> moved.merge(p.ledgerAccount(), p.amount(), Long::sum));
            } catch (InsufficientCreditsException e) {
                refused++;
            }
        }
        return new Outcome(moved, posted, refused, duplicates);
    }
}
