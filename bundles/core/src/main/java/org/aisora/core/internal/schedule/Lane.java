package org.aisora.core.internal.schedule;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bounded pool for one kind of core work, made by {@link CoreScheduler#lane}: a fixed number of threads and
 * a bounded queue (a full lane refuses with {@link java.util.concurrent.RejectedExecutionException}). The
 * size can change while it runs; the queue's capacity cannot.
 */
public final class Lane {
    /** A lane's state: threads, busy threads, queued tasks, finished tasks. */
    public record Stats(String name, int threads, int active, int queued, long completed) {
    }

    private final String name;
    private final ThreadPoolExecutor pool;
    private final Consumer<Lane> onShutdown;

    Lane(String name, int threads, int queue, ThreadFactory factory, Consumer<Lane> onShutdown) {
        int size = Math.max(1, threads);
        this.name = name;
        this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), factory);
        this.onShutdown = onShutdown;
    }

    public String name() {
        return name;
    }

    /** @throws java.util.concurrent.RejectedExecutionException when full or shut down */
    public void execute(Runnable task) {
        pool.execute(task);
    }

    public void resize(int threads) {
        int size = Math.max(1, threads);
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    public int size() {
        return pool.getMaximumPoolSize();
    }

    public int active() {
        return pool.getActiveCount();
    }

    public int queued() {
        return pool.getQueue().size();
    }

    public int queueRoom() {
        return pool.getQueue().remainingCapacity();
    }

    /** Takes the tasks that did not start yet out of the queue. */
    public int drainQueue(List<Runnable> into) {
        return pool.getQueue().drainTo(into);
    }

    /** Takes no more tasks; queued and running ones finish. */
    public void shutdown() {
        pool.shutdown();
        onShutdown.accept(this);
    }

    /** Interrupts running tasks and drops queued ones. */
    public void shutdownNow() {
        pool.shutdownNow();
        onShutdown.accept(this);
    }

    public boolean isShutdown() {
        return pool.isShutdown();
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    Stats stats() {
        return new Stats(name, pool.getMaximumPoolSize(), pool.getActiveCount(), pool.getQueue().size(),
                pool.getCompletedTaskCount());
    }
}
