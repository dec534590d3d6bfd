package io.github.mnistnn.internal.training;

import io.github.mnistnn.internal.layers.DeviceParameters;
import io.github.mnistnn.internal.layers.LayerPasses;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;

/**
 * The work matrices of one batch shape, allocated once per training run: the gathered inputs and targets, every
 * layer's pass with its buffers ({@link LayerPasses}), and for UHB the raw errors {@code e} of each (dense)
 * layer. One sample per row.
 */
public final class BatchBuffers implements AutoCloseable {
    final int rows;
    final DeviceMatrix x;
    final DeviceMatrix y;
    final LayerPasses passes;
    final DeviceMatrix[] e;

    BatchBuffers(Backend backend, int rows, DeviceParameters parameters, boolean withErrors, double[] dropout,
            long dropoutSeed) {
        this.rows = rows;
        int depth = parameters.depth();
        this.e = new DeviceMatrix[withErrors ? depth : 0];
        DeviceMatrix xx = null;
        DeviceMatrix yy = null;
        LayerPasses chain = null;
        try {
            xx = backend.allocate(rows, parameters.layers().get(0).inputWidth());
            yy = backend.allocate(rows, parameters.layers().get(depth - 1).outputWidth());
            chain = LayerPasses.forTraining(backend, parameters, xx, dropout, dropoutSeed);
            for (int k = 0; k < e.length; k++) {
                e[k] = backend.allocate(rows, parameters.layers().get(k).outputWidth());
            }
        } catch (RuntimeException ex) {
            for (DeviceMatrix m : e) {
                closeQuietly(m);
            }
            if (chain != null) {
                chain.close();
            }
            closeQuietly(yy);
            closeQuietly(xx);
            throw ex;
        }
        this.x = xx;
        this.y = yy;
        this.passes = chain;
    }

    @Override
    public void close() {
        for (int k = e.length - 1; k >= 0; k--) {
            closeQuietly(e[k]);
        }
        passes.close();
        closeQuietly(y);
        closeQuietly(x);
    }

    private static void closeQuietly(DeviceMatrix m) {
        if (m != null) {
            m.close();
        }
    }
}
