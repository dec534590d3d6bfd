package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.CpuThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker pool runs every part once, on no more threads than allowed, and passes failures on. */
class CpuWorkersTest {
    private final int threadsBefore = CpuThreads.count();

    @AfterEach
    void restoreThreads() {
        CpuThreads.setCount(threadsBefore);
    }

    @Test
    void runsEveryPartExactlyOnceOnAtMostTheAllowedThreads() {
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
        AtomicIntegerArray runs = new AtomicIntegerArray(37);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CpuWorkers.forEach(37, p -> {
            runs.incrementAndGet(p);
            threads.add(Thread.currentThread());
        });
        for (int p = 0; p < 37; p++) {
            assertThat(runs.get(p)).as("part %d", p).isEqualTo(1);
        }
        assertThat(threads).hasSizeLessThanOrEqualTo(CpuThreads.count()).contains(Thread.currentThread());
        assertThat(threads).allMatch(t -> t == Thread.currentThread() || t.isDaemon());
    }

    @Test
    void oneThreadRunsEverythingOnTheCaller() {
        CpuThreads.setCount(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CpuWorkers.forEach(9, p -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aCallFromInsideAPartAndACallFromAnotherThreadEachRunEveryPartOnce() throws Exception {
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
        AtomicIntegerArray inner = new AtomicIntegerArray(8 * 5);
        AtomicIntegerArray other = new AtomicIntegerArray(1000);
        Thread second = new Thread(() -> {
            for (int round = 0; round < 200; round++) {
                CpuWorkers.forEach(5, p -> other.incrementAndGet(p));
            }
        });
        second.start();
        for (int round = 0; round < 200; round++) {
            int first = round;
            CpuWorkers.forEach(8, p -> CpuWorkers.forEach(5, q -> {
                if (first == 0) {
                    inner.incrementAndGet(p * 5 + q);
                }
            }));
        }
        second.join();
        for (int i = 0; i < inner.length(); i++) {
            assertThat(inner.get(i)).as("nested part %d", i).isEqualTo(1);
        }
        for (int p = 0; p < 5; p++) {
            assertThat(other.get(p)).as("the other thread's part %d", p).isEqualTo(200);
        }
    }

    @Test
    void aFailingPartFailsTheCall() {
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> CpuWorkers.forEach(8, p -> {
            if (p == 5) {
                throw new IllegalStateException("part 5 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 5 failed");
    }
}
