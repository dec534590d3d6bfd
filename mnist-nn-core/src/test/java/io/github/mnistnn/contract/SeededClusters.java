package io.github.mnistnn.contract;

import io.github.mnistnn.LabeledData;
import java.util.SplittableRandom;

/** Small seeded classification problems for the contract suite: Gaussian clusters, one centre per class. */
public final class SeededClusters {
    private SeededClusters() {
    }

    /**
     * Draws {@code samples} points of {@code width} features around {@code classes} random centres.
     *
     * @param samples how many samples
     * @param width features per sample
     * @param classes number of classes
     * @param spread standard deviation around each centre
     * @param seed the seed
     * @return the data, labels cycling through the classes
     */
    public static LabeledData of(int samples, int width, int classes, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][width];
        for (double[] c : centres) {
            for (int j = 0; j < width; j++) {
                c[j] = random.nextDouble();
            }
        }
        double[][] x = new double[samples][width];
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = i % classes;
            for (int j = 0; j < width; j++) {
                x[i][j] = centres[y[i]][j] + spread * random.nextGaussian();
            }
        }
        return LabeledData.of(x, y, classes);
    }

    /**
     * XOR on two inputs, two classes.
     *
     * @return the four samples
     */
    public static LabeledData xor() {
        return LabeledData.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 0}, 2);
    }
}
