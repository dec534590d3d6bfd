package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.LabeledData;
import java.util.SplittableRandom;

/**
 * A seeded stand-in for the shipped MNIST subset: 784 pixels in [0, 1], about a fifth of them non-zero like MNIST,
 * drawn around one sparse stroke pattern per class with pixels dropped and added at random.
 */
final class SyntheticDigits {
    static final int PIXELS = 784;

    private SyntheticDigits() {
    }

    static LabeledData of(int samples, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom prototypes = new SplittableRandom(4242);
        double[][] centre = new double[classes][PIXELS];
        for (double[] c : centre) {
            for (int i = 0; i < PIXELS; i++) {
                c[i] = prototypes.nextDouble() < 0.19 ? 0.5 + 0.5 * prototypes.nextDouble() : 0;
            }
        }
        double[][] x = new double[samples][PIXELS];
        int[] y = new int[samples];
        for (int s = 0; s < samples; s++) {
            y[s] = random.nextInt(classes);
            for (int i = 0; i < PIXELS; i++) {
                double v = centre[y[s]][i];
                if (random.nextDouble() < 0.35) {
                    v = random.nextDouble() < 0.2 ? random.nextDouble() : 0;
                }
                x[s][i] = v;
            }
        }
        return LabeledData.of(x, y, classes);
    }
}
