package io.github.mnistnn;

import io.github.mnistnn.spi.MatrixShapes;

/** {@link LabeledData} held in arrays, from {@link LabeledData#of}. */
final class ArrayData implements LabeledData {
    private final double[] features;
    private final int[] labels;
    private final int width;
    private final int classCount;

    ArrayData(double[][] rows, int[] labels, int classCount) {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " feature rows but " + labels.length + " labels");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount must be at least 1, got " + classCount);
        }
        this.width = rows[0].length;
        if (width < 1) {
            throw new IllegalArgumentException("samples need at least one feature");
        }
        this.features = new double[MatrixShapes.requireElements("features", rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, row 0 has "
                        + width);
            }
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, "
                        + classCount + ")");
            }
            System.arraycopy(rows[i], 0, features, i * width, width);
        }
        this.labels = labels.clone();
        this.classCount = classCount;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void copyFeatures(int index, double[] dst, int offset) {
        System.arraycopy(features, index * width, dst, offset, width);
    }
}
