package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.github.mnistnn.contract.SeededClusters;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The CPU training loop allocates nothing per sample or per batch: extra epochs cost only a few objects. */
class TrainingAllocationTest {
    private static long allocatedBy(Runnable work) {
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        work.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void extraEpochsAllocateAlmostNothing() {
        LabeledData data = SeededClusters.of(2000, 30, 5, 0.3, 1);
        NetworkSpec spec = NetworkSpec.builder(30).layer(16, Activation.SIGMOID).layer(8, Activation.SIGMOID)
                .layer(5, Activation.SOFTMAX).build();
        for (BackpropRule rule : BackpropRule.values()) {
            for (int batch : new int[] {1, 32}) {
                Trainer.Builder b = Trainer.builder().rule(rule).batchSize(batch).learningRate(0.05);
                b.epochs(2).build().train(spec, data); // warm up
                long two = allocatedBy(() -> b.epochs(2).build().train(spec, data));
                long twelve = allocatedBy(() -> b.epochs(12).build().train(spec, data));
                double perSample = (twelve - two) / (10.0 * data.size());
                assertThat(perSample).as("bytes per sample, %s batch %d", rule, batch).isLessThan(2.0);
            }
        }
    }
}
