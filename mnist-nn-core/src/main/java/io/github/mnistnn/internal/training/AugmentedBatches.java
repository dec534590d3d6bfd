package io.github.mnistnn.internal.training;

import io.github.mnistnn.Augmentation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Shape;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.SplittableRandom;

/**
 * A training run's augmented batches: each batch's images copied from the data in the epoch's order, moved by
 * the {@link Augmentation} with the run's own random numbers, and uploaded in place of the gathered rows. The
 * host buffers are sized once, for a full and for the last, shorter batch.
 */
public final class AugmentedBatches {
    private final Augmentation augmentation;
    private final Shape shape;
    private final LabeledData data;
    private final SplittableRandom random;
    private final double[] sample;
    private final double[] full;
    private final double[] tail;

    AugmentedBatches(Augmentation augmentation, Shape shape, LabeledData data, int batchRows,
            SplittableRandom random) {
        this.augmentation = augmentation;
        this.shape = shape;
        this.data = data;
        this.random = random;
        this.sample = new double[data.inputWidth()];
        this.full = new double[MatrixShapes.requireElements("a batch of the inputs", batchRows, data.inputWidth())];
        this.tail = new double[data.size() % batchRows * data.inputWidth()];
    }

    /** Moves the images at {@code order[first] ...} and uploads them as the rows of {@code x}. */
    void upload(Backend backend, int[] order, int first, DeviceMatrix x) {
        double[] images = x.rows() * sample.length == full.length ? full : tail;
        for (int r = 0; r < x.rows(); r++) {
            data.copyFeatures(order[first + r], sample, 0);
            ApiAccess.get().augment(augmentation, shape, sample, 0, random, images, r * sample.length);
        }
        backend.upload(images, 0, x);
    }
}
