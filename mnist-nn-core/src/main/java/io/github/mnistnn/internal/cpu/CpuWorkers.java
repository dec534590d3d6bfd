package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.CpuThreads;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one pool of CPU worker threads: at most {@code cores - 1} daemon threads, started on first use, so with
 * the calling thread no more threads are busy than there are cores. {@link #forEach} hands numbered parts to
 * {@link CpuThreads#count()} threads, the caller among them (it takes part 0), each taking the next part not yet
 * taken until none is left. A worker that has just finished keeps watching for the next call for {@value #SPIN_MICROS} microseconds
 * before it sleeps, and the caller watches for the last part the same way: a training step makes a dozen calls of
 * a fraction of a millisecond each, and waking a sleeping thread took 5 to 80 microseconds on the project's
 * machine. One call runs at a time; a call made while another is running, or from inside a part, runs its parts on
 * its own thread. Not part of the API.
 *
 * <pre>{@code
 * CpuWorkers.forEach(blocks, block -> multiplyBlock(block));
 * }</pre>
 */
public final class CpuWorkers {
    /** How long a worker, or the caller waiting for the last part, watches before it sleeps. */
    static final int SPIN_MICROS = 50;
    private static final long SPIN_NANOS = SPIN_MICROS * 1000L;
    private static final String NAME = "mnistnn-cpu-worker";
    private static final ReentrantLock RUNNING = new ReentrantLock();
    private static final Worker[] WORKERS = new Worker[Math.max(1, Runtime.getRuntime().availableProcessors() - 1)];
    /** The call being run, {@code null} between calls. */
    private static volatile Job current;

    private CpuWorkers() {
    }

    /** One call: the parts not yet taken, the parts finished, and the first failure. */
    private static final class Job {
        final IntConsumer body;
        final int parts;
        /** Workers with a lower index than this take part, so at most {@code helpers + 1} threads are busy. */
        final int helpers;
        final Thread caller = Thread.currentThread();
        /** Part 0 is the caller's, so the caller always takes part. */
        final AtomicInteger next = new AtomicInteger(1);
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int parts, int helpers) {
            this.body = body;
            this.parts = parts;
            this.helpers = helpers;
        }

        void work() {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                run(p);
            }
        }

        void run(int p) {
            try {
                body.accept(p);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                if (finished.incrementAndGet() == parts && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        boolean done() {
            return finished.get() == parts;
        }
    }

    /** A daemon thread that runs the parts of every call it sees, and sleeps when none comes for a while. */
    private static final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean sleeping;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, NAME);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = current;
                if (job != null && job != last) {
                    last = job;
                    if (index < job.helpers) {
                        job.work();
                    }
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (current == job && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (current != job) {
                    continue;
                }
                sleeping = true;
                if (current == job) {
                    LockSupport.park(this);
                }
                sleeping = false;
            }
        }
    }

    /**
     * Runs {@code body} for every part in {@code [0, parts)}, each part once, on one thread. Returns when all are
     * done; rethrows the first failure (after the others have run).
     *
     * @param parts how many parts
     * @param body the work of one part; parts must not write to the same memory
     */
    public static void forEach(int parts, IntConsumer body) {
        int threads = Math.min(parts, Math.min(CpuThreads.count(), WORKERS.length + 1));
        if (threads <= 1 || RUNNING.isHeldByCurrentThread() || !RUNNING.tryLock()) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        Job job = new Job(body, parts, threads - 1);
        try {
            current = job;
            for (int w = 0; w < threads - 1; w++) {
                Worker worker = worker(w);
                if (worker.sleeping) {
                    LockSupport.unpark(worker.thread);
                }
            }
            job.run(0);
            job.work();
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (!job.done() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            while (!job.done()) {
                LockSupport.parkNanos(job, SPIN_NANOS);
            }
        } finally {
            current = null;
            RUNNING.unlock();
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private static Worker worker(int w) {
        if (WORKERS[w] == null) {
            WORKERS[w] = new Worker(w);
            WORKERS[w].thread.start();
        }
        return WORKERS[w];
    }
}
