package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;

/**
 * The checked shape of a {@link io.github.mnistnn.spi.FusedOnlineTraining#trainOnline} call: the layer count and
 * the widths, input first, as the 16 ints the fused kernel takes.
 *
 * @param depth the number of layers
 * @param dims the input width, then each layer's width, padded with zeros to 16
 */
record OnlineArguments(int depth, int[] dims) {
    static OnlineArguments check(Activation[] activations, DeviceMatrix[] weights, DeviceMatrix[] biases,
            DeviceMatrix x, DeviceMatrix y, DeviceIndices order, int first, int count, DeviceMatrix metrics) {
        int depth = weights.length;
        if (depth == 0 || activations.length != depth || biases.length != depth) {
            throw new IllegalArgumentException("trainOnline: " + activations.length + " activations, " + depth
                    + " weight matrices and " + biases.length + " bias vectors; expected one of each per layer");
        }
        int[] dims = new int[16];
        dims[0] = x.cols();
        for (int k = 0; k < depth; k++) {
            if (weights[k].rows() != (k == 0 ? x.cols() : weights[k - 1].cols())) {
                throw new IllegalArgumentException("trainOnline: layer " + k + " weights are "
                        + MatrixShapes.shape(weights[k]) + " but its input has "
                        + (k == 0 ? x.cols() : weights[k - 1].cols()) + " values");
            }
            MatrixShapes.requireRowVector("trainOnline", biases[k], weights[k]);
            if (k + 1 < dims.length) {
                dims[k + 1] = weights[k].cols();
            }
        }
        if (y.rows() != x.rows() || y.cols() != weights[depth - 1].cols()) {
            throw new IllegalArgumentException("trainOnline: targets " + MatrixShapes.shape(y) + " do not fit "
                    + x.rows() + " samples of " + weights[depth - 1].cols() + " outputs");
        }
        if (metrics.rows() != 1 || metrics.cols() != Backend.METRIC_COUNT) {
            throw new IllegalArgumentException("trainOnline: expected a 1x" + Backend.METRIC_COUNT
                    + " metrics matrix, got " + MatrixShapes.shape(metrics));
        }
        if (first < 0 || count < 0 || first + count > order.length()) {
            throw new IllegalArgumentException("trainOnline: positions " + first + ".." + (first + count)
                    + " run past the " + order.length() + " indices");
        }
        return new OnlineArguments(depth, dims);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("layers ").append(dims[0]);
        for (int k = 1; k <= depth && k < dims.length; k++) {
            s.append('-').append(dims[k]);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnlineArguments && ((OnlineArguments) o).depth == depth
                && java.util.Arrays.equals(((OnlineArguments) o).dims, dims);
    }

    @Override
    public int hashCode() {
        return 31 * depth + java.util.Arrays.hashCode(dims);
    }
}
