package io.github.mnistnn.internal.cpu;

import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;

/**
 * The checks both CPU backends' fused online paths make before they touch a value: the layers chain from the
 * samples' features to the targets, every bias is a row as wide as its layer, and the positions lie in the order.
 *
 * <pre>{@code
 * int[] widths = OnlineShapes.widths(weights, biases, x, y, order, first, count);
 * }</pre>
 */
final class OnlineShapes {
    private OnlineShapes() {
    }

    /**
     * Checks the arguments of {@link io.github.mnistnn.spi.FusedOnlineTraining#trainOnline}.
     *
     * @return each layer's units, the output layer last
     * @throws IllegalArgumentException naming the first thing that does not fit
     */
    static int[] widths(DeviceMatrix[] weights, DeviceMatrix[] biases, DeviceMatrix x, DeviceMatrix y,
            DeviceIndices order, int first, int count) {
        int depth = weights.length;
        int[] widths = new int[depth];
        int fanIn = x.cols();
        for (int k = 0; k < depth; k++) {
            if (weights[k].rows() != fanIn) {
                throw new IllegalArgumentException("layer " + (k + 1) + " has " + weights[k].rows()
                        + " inputs, expected " + fanIn);
            }
            MatrixShapes.requireRowVector("trainOnline", biases[k], weights[k]);
            widths[k] = weights[k].cols();
            fanIn = widths[k];
        }
        if (y.cols() != fanIn || y.rows() != x.rows()) {
            throw new IllegalArgumentException("targets " + MatrixShapes.shape(y) + " do not fit " + x.rows()
                    + " samples of " + fanIn + " outputs");
        }
        if (first < 0 || first + count > order.length()) {
            throw new IllegalArgumentException("samples " + first + ".." + (first + count) + " run past the "
                    + order.length() + " indices");
        }
        return widths;
    }
}
