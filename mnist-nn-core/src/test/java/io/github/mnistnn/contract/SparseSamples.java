package io.github.mnistnn.contract;

import io.github.mnistnn.LabeledData;
import java.util.SplittableRandom;

/** Test data for batched inference: MNIST-like sparse samples. */
public final class SparseSamples {
    private SparseSamples() {
    }

    /**
     * 1,203 samples of 200 values, a quarter of them non-zero, so the last 1,000-row batch is partly filled.
     *
     * @param seed the random seed
     * @return the samples, with random labels of 10 classes
     */
    public static LabeledData of(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[1203][200];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = random.nextInt(10);
            for (int j = 0; j < 200; j++) {
                x[i][j] = random.nextDouble() < 0.25 ? random.nextDouble() : 0;
            }
        }
        return LabeledData.of(x, y, 10);
    }
}
