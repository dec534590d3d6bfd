package io.github.mnistnn.data;

import io.github.mnistnn.LabeledData;
import java.util.Objects;

/** A dataset's scaled pixels followed by precomputed extra features, from {@link ImageFeatures}. Immutable. */
final class PixelsWithFeatures implements LabeledData {
    private final Dataset images;
    private final double[] extra;
    private final int extraWidth;

    /** Takes ownership of {@code extra}: {@code images.size()} rows of {@code extraWidth} values each. */
    PixelsWithFeatures(Dataset images, double[] extra, int extraWidth) {
        if (extra.length != images.size() * extraWidth) {
            throw new IllegalArgumentException(extra.length + " extra values for " + images.size() + " images of "
                    + extraWidth);
        }
        this.images = images;
        this.extra = extra;
        this.extraWidth = extraWidth;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int inputWidth() {
        return Dataset.PIXELS + extraWidth;
    }

    @Override
    public int classCount() {
        return images.classCount();
    }

    @Override
    public int label(int index) {
        return images.label(index);
    }

    @Override
    public void copyFeatures(int index, double[] dst, int offset) {
        Objects.checkIndex(index, images.size());
        Objects.checkFromIndexSize(offset, Dataset.PIXELS + extraWidth, dst.length);
        images.copyFeatures(index, dst, offset);
        System.arraycopy(extra, index * extraWidth, dst, offset + Dataset.PIXELS, extraWidth);
    }

    @Override
    public String toString() {
        return "PixelsWithFeatures[" + images + ", " + inputWidth() + " features]";
    }
}
