package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.CpuThreads;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The one pool of CPU worker threads: at most {@code cores - 1} daemon threads, started on first use, so with
 * the calling thread no more threads are busy than there are cores. {@link #forEach} splits numbered parts
 * over {@link CpuThreads#count()} threads, the caller taking the first share. Not part of the API.
 *
 * <pre>{@code
 * CpuWorkers.forEach(blocks, block -> multiplyBlock(block));
 * }</pre>
 */
public final class CpuWorkers {
    private static final ThreadPoolExecutor POOL = newPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    private CpuWorkers() {
    }

    private static ThreadPoolExecutor newPool(int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "mnistnn-cpu-worker");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Runs {@code body} for every part in {@code [0, parts)}; thread {@code t} of {@code T} takes parts
     * {@code t, t + T, ...}. Returns when all are done; rethrows the first failure. A call from inside a part
     * runs serially, so nesting cannot deadlock the pool.
     *
     * @param parts how many parts
     * @param body the work of one part; parts must not write to the same memory
     */
    public static void forEach(int parts, IntConsumer body) {
        int threads = Math.min(parts, CpuThreads.count());
        if (threads <= 1 || Thread.currentThread().getName().equals("mnistnn-cpu-worker")) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        Future<?>[] running = new Future<?>[threads - 1];
        for (int t = 1; t < threads; t++) {
            int first = t;
            running[t - 1] = POOL.submit(() -> {
                for (int p = first; p < parts; p += threads) {
                    body.accept(p);
                }
            });
        }
        RuntimeException failure = null;
        try {
            for (int p = 0; p < parts; p += threads) {
                body.accept(p);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                            : new IllegalStateException("a CPU worker failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for CPU workers", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
