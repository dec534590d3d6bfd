package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * The work matrices of one batch shape, allocated once per training run: the gathered inputs and targets,
 * and per layer the pre-activations {@code n}, activations {@code a}, deltas {@code s} and, for UHB, the raw
 * errors {@code e}. One sample per row.
 */
final class BatchBuffers implements AutoCloseable {
    final int rows;
    final DeviceMatrix x;
    final DeviceMatrix y;
    final DeviceMatrix[] n;
    final DeviceMatrix[] a;
    final DeviceMatrix[] s;
    final DeviceMatrix[] e;

    BatchBuffers(Backend backend, int rows, DeviceLayers layers, boolean withErrors) {
        int depth = layers.depth();
        this.rows = rows;
        this.n = new DeviceMatrix[depth];
        this.a = new DeviceMatrix[depth];
        this.s = new DeviceMatrix[depth];
        this.e = new DeviceMatrix[withErrors ? depth : 0];
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
            }
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** The input of layer {@code k}: the batch for the first layer, the previous activations otherwise. */
    DeviceMatrix input(int k) {
        return k == 0 ? x : a[k - 1];
    }

    @Override
    public void close() {
        for (int k = n.length - 1; k >= 0; k--) {
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
