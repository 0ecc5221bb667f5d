package org.aisora.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.LedgerTransaction;

/**
 * The storm's threads. Each operation is a grant, a hold for a new job, a settlement (capture or release,
 * one key per job) of a job any thread opened, or a replay of a key the thread already saw accepted. Open
 * jobs sit in a small shared table, so several threads often race to settle the same job. Every thread
 * writes down what the ledger accepted; the test compares that with what the ledger holds.
 */
final class LedgerStormRun {
    /** A job whose hold was accepted: its credits sit on the user's held ledger account until it settles. */
    record Job(String id, int user, long amount) {
    }

    /** What one thread saw accepted, by user index, and how often it was refused or lost a race. */
    static final class Tally {
        final long[] granted;
        final long[] held;
        final long[] captured;
        final long[] released;
        final List<String> settledJobs = new ArrayList<>();
        int grants;
        int holds;
        int settles;
        int refused;
        int replays;
        int lostRaces;

        Tally(int users) {
            granted = new long[users];
            held = new long[users];
            captured = new long[users];
            released = new long[users];
        }

        void add(Tally o) {
            for (int u = 0; u < granted.length; u++) {
                granted[u] += o.granted[u];
                held[u] += o.held[u];
                captured[u] += o.captured[u];
                released[u] += o.released[u];
            }
            settledJobs.addAll(o.settledJobs);
            grants += o.grants;
            holds += o.holds;
            settles += o.settles;
            refused += o.refused;
            replays += o.replays;
            lostRaces += o.lostRaces;
        }

        @Override
        public String toString() {
            return grants + " grants, " + holds + " holds, " + settles + " settlements, " + refused
                    + " holds refused, " + replays + " replays ignored, " + lostRaces + " settlement races lost";
        }
    }

    static final int SLOTS = 64;

    private final LedgerStore ledger;
    private final List<String> users;
    private final AtomicReferenceArray<Job> open = new AtomicReferenceArray<>(SLOTS);
    private final Semaphore connections;

    /**
     * @param connections the size of the test database's connection pool. The MariaDB driver's pool hands
     *     connections out unfairly: on a loaded 2-core machine one of 32 threads waited past its 30 s connect
     *     timeout. A fair gate of the same size queues the threads in order instead; a post holds one
     *     connection at a time, so the rows are fought over just as hard.
     */
    LedgerStormRun(LedgerStore ledger, List<String> users, int connections) {
        this.ledger = ledger;
        this.users = List.copyOf(users);
        this.connections = new Semaphore(connections, true);
    }

    Tally run(int threads, int ops, long timeoutSeconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Tally>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(7919L * (t + 1));
                results.add(pool.submit(() -> {
                    start.await();
                    return worker(random, ops);
                }));
            }
            start.countDown();
            Tally total = new Tally(users.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<Tally> f : results) {
                total.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The jobs still open after the run (call once the threads are done). */
    List<Job> openJobs() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            if (open.get(i) != null) {
                jobs.add(open.get(i));
            }
        }
        return jobs;
    }

    String user(int index) {
        return users.get(index);
    }

    static LedgerTransaction capture(Job job, String user) {
        return Fixtures.capture("settle:" + job.id(), user, job.amount());
    }

    static LedgerTransaction release(Job job, String user) {
        return Fixtures.release("settle:" + job.id(), user, job.amount());
    }

    private Tally worker(Random random, int ops) {
        Tally tally = new Tally(users.size());
        List<LedgerTransaction> replays = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            int dice = random.nextInt(100);
            if (dice < 10 && !replays.isEmpty()) {
                replay(replays.get(random.nextInt(replays.size())), tally);
            } else if (dice < 65 && dice >= 30) {
                hold(random, tally, replays);
            } else if (dice < 30 || !settleOpenJob(random, tally, replays)) {
                grant(random, tally, replays);
            }
        }
        return tally;
    }

    private void grant(Random random, Tally tally, List<LedgerTransaction> replays) {
        int user = random.nextInt(users.size());
        long amount = 1 + random.nextInt(40);
        LedgerTransaction t = Fixtures.grant("grant:" + UUID.randomUUID(), users.get(user), amount);
        mustPost(t);
        tally.grants++;
        tally.granted[user] += amount;
        replays.add(t);
    }

    private void hold(Random random, Tally tally, List<LedgerTransaction> replays) {
        Job job = new Job(UUID.randomUUID().toString(), random.nextInt(users.size()), 1 + random.nextInt(30));
        LedgerTransaction t = Fixtures.hold("hold:" + job.id(), users.get(job.user()), job.amount());
        try {
            mustPost(t);
        } catch (InsufficientCreditsException e) {
            tally.refused++;
            return;
        }
        tally.holds++;
        tally.held[job.user()] += job.amount();
        replays.add(t);
        int first = random.nextInt(SLOTS);
        for (int k = 0; k < SLOTS; k++) {
            if (open.compareAndSet((first + k) % SLOTS, null, job)) {
                return;
            }
        }
        if (!settle(-1, job, random, tally, replays)) { // table full: settle it at once, nobody else knows it
            throw new AssertionError("the only settlement of job " + job.id() + " was ignored");
        }
    }

    private boolean settleOpenJob(Random random, Tally tally, List<LedgerTransaction> replays) {
        int first = random.nextInt(SLOTS);
        for (int k = 0; k < SLOTS; k++) {
            int slot = (first + k) % SLOTS;
            Job job = open.get(slot);
            if (job != null) {
                if (!settle(slot, job, random, tally, replays)) {
                    tally.lostRaces++; // another thread settled it first, by the same key
                }
                return true;
            }
        }
        return false;
    }

    private boolean settle(int slot, Job job, Random random, Tally tally, List<LedgerTransaction> replays) {
        String user = users.get(job.user());
        boolean capture = random.nextInt(10) < 7;
        LedgerTransaction t = capture ? capture(job, user) : release(job, user);
        if (!post(t)) {
            return false;
        }
        if (slot >= 0) {
            open.compareAndSet(slot, job, null);
        }
        tally.settles++;
        tally.settledJobs.add(job.id());
        (capture ? tally.captured : tally.released)[job.user()] += job.amount();
        replays.add(capture ? release(job, user) : capture(job, user)); // the other way to settle: must be ignored
        return true;
    }

    private void replay(LedgerTransaction t, Tally tally) {
        if (post(t)) {
            throw new AssertionError("a replayed key took effect: " + t.key() + " (" + t.kind() + ")");
        }
        tally.replays++;
    }

    private boolean post(LedgerTransaction t) {
        connections.acquireUninterruptibly();
        try {
            return ledger.post(t);
        } finally {
            connections.release();
        }
    }

    private void mustPost(LedgerTransaction t) {
        if (!post(t)) {
            throw new AssertionError("a fresh key was ignored: " + t.key());
        }
    }
}
