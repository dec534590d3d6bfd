package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import io.github.mnistnn.spi.MatrixShapes;

/**
 * The CPU backend's fused online path, {@link FusedOnlineTraining#trainOnline}, on its matrices: checks the shapes
 * ({@link OnlineShapes}), then runs
 * {@link OnlineCpuTrainer} on the matrices' arrays, with the data's non-zeros ({@link SampleNonZeros}) listed once
 * per unchanged data matrix. Not thread-safe.
 */
final class EjmlOnlineTraining {
    private final OnlineCpuTrainer online;
    private SampleNonZeros nonZeros;

    /**
     * The path on the given hot loops.
     *
     * @param loops {@link OnlineLoops#create()}, or an implementation to test
     */
    EjmlOnlineTraining(OnlineLoops loops) {
        this.online = new OnlineCpuTrainer(loops);
    }

    /** {@link FusedOnlineTraining#trainOnline} on matrices of the CPU backend. */
    void train(BackpropRule rule, Loss loss, double learningRate, Activation[] activations, DeviceMatrix[] weights,
            DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y, DeviceIndices order, int first, int count,
            DeviceMatrix metrics) {
        int[] widths = OnlineShapes.widths(weights, biases, x, y, order, first, count);
        int depth = weights.length;
        double[][] w = new double[depth][];
        double[][] b = new double[depth][];
        for (int k = 0; k < depth; k++) {
            w[k] = EjmlBackend.m(weights[k]).data;
            b[k] = EjmlBackend.m(biases[k]).data;
        }
        if (!(x instanceof EjmlMatrix)) {
            throw new IllegalArgumentException("matrix " + MatrixShapes.shape(x) + " belongs to another backend");
        }
        nonZeros = SampleNonZeros.of((EjmlMatrix) x, nonZeros);
        online.train(rule, loss, learningRate, activations, w, b, widths, ((EjmlMatrix) x).readOnlyData().data,
                x.cols(), nonZeros, EjmlBackend.m(y).data,
                ((EjmlIndices) order).values(), first, count, EjmlBackend.m(metrics).data);
    }
}
