package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * The work matrices of one batch shape, allocated once per training run: the gathered inputs and targets,
 * and per layer the pre-activations {@code n}, activations {@code a}, deltas {@code s}, for UHB the raw
 * errors {@code e}, and for a hidden layer with dropout its mask and the masked activations the next layer
 * sees ({@code null} without dropout). One sample per row.
 */
final class BatchBuffers implements AutoCloseable {
    final int rows;
    final DeviceMatrix x;
    final DeviceMatrix y;
    final DeviceMatrix[] n;
    final DeviceMatrix[] a;
    final DeviceMatrix[] s;
    final DeviceMatrix[] e;
    final DeviceMatrix[] mask;
    final DeviceMatrix[] dropped;

    BatchBuffers(Backend backend, int rows, DeviceLayers layers, boolean withErrors, double[] dropout) {
        int depth = layers.depth();
        this.rows = rows;
        this.n = new DeviceMatrix[depth];
        this.a = new DeviceMatrix[depth];
        this.s = new DeviceMatrix[depth];
        this.e = new DeviceMatrix[withErrors ? depth : 0];
        this.mask = new DeviceMatrix[depth];
        this.dropped = new DeviceMatrix[depth];
        this.x = backend.allocate(rows, layers.weights(0).rows());
        this.y = backend.allocate(rows, layers.width(depth - 1));
        try {
            for (int k = 0; k < depth; k++) {
                n[k] = backend.allocate(rows, layers.width(k));
                a[k] = backend.allocate(rows, layers.width(k));
                s[k] = backend.allocate(rows, layers.width(k));
                if (withErrors) {
                    e[k] = backend.allocate(rows, layers.width(k));
                }
                if (dropout[k] > 0) {
                    mask[k] = backend.allocate(rows, layers.width(k));
                    dropped[k] = backend.allocate(rows, layers.width(k));
                }
            }
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** The input of layer {@code k}: the batch, or the previous layer's activations (masked under dropout). */
    DeviceMatrix input(int k) {
        if (k == 0) {
            return x;
        }
        return dropped[k - 1] != null ? dropped[k - 1] : a[k - 1];
    }

    @Override
    public void close() {
        for (int k = n.length - 1; k >= 0; k--) {
            closeQuietly(dropped[k]);
            closeQuietly(mask[k]);
            closeQuietly(e.length > 0 ? e[k] : null);
            closeQuietly(s[k]);
            closeQuietly(a[k]);
            closeQuietly(n[k]);
        }
        closeQuietly(y);
        closeQuietly(x);
    }

    private static void closeQuietly(DeviceMatrix m) {
        if (m != null) {
            m.close();
        }
    }
}
