package io.github.mnistnn.internal.model;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Initializer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.ConvGeometry;
import java.util.SplittableRandom;

/** One layer of a {@link NetworkSpec} before it has weights: its kind, its settings and the shape it takes. */
public sealed interface LayerPlan {
    /** What the layer takes. */
    Shape input();

    /** What the layer gives. */
    Shape output();

    /** The activation, {@link Activation#IDENTITY} for a layer without one. */
    default Activation activation() {
        return Activation.IDENTITY;
    }

    /** The weights and biases of the layer. */
    default long parameterCount() {
        return 0;
    }

    /** The values a model file stores for the layer: its parameters, and a batch normalisation's statistics. */
    default long storedValues() {
        return parameterCount();
    }

    /** The layer with weights drawn by {@code initializer} from {@code random} (in a fixed order). */
    Layer initialize(Initializer initializer, SplittableRandom random);

    /**
     * The geometry of a convolution of {@code input}, refusing a kernel or stride below 1 and a kernel that does
     * not fit.
     *
     * @param input the image convolved
     * @param kernel the side of the kernel
     * @param stride the step between positions
     * @param padding how the image is padded
     * @return the geometry
     */
    static ConvGeometry convGeometry(Shape input, int kernel, int stride, Padding padding) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("kernel and stride must be at least 1, got " + kernel + " and "
                    + stride);
        }
        return ConvGeometry.of(input.height(), input.width(), input.channels(), kernel, stride, padding);
    }

    /** A fully connected layer. */
    record Dense(Shape input, int units, Activation activation) implements LayerPlan {
        @Override
        public Shape output() {
            return Shape.vector(units);
        }

        @Override
        public long parameterCount() {
            return ((long) input.size() + 1) * units;
        }

        @Override
        public Layer initialize(Initializer initializer, SplittableRandom random) {
            int fanIn = input.size();
            double[] weights = new double[fanIn * units];
            double[] biases = new double[units];
            initializer.fill(fanIn, units, random, weights);
            initializer.fillBiases(fanIn, units, random, biases);
            return ApiAccess.get().dense(fanIn, units, weights, biases, activation);
        }

        @Override
        public String toString() {
            return "dense(" + units + ", " + activation + ")";
        }
    }

    /** A convolution; the fan-in of its initializer is {@code kernel * kernel * in_channels}. */
    record Conv(Shape input, int filters, int kernel, int stride, Padding padding, Activation activation)
            implements LayerPlan {
        public Conv {
            var g = convGeometry(input, kernel, stride, padding);
            io.github.mnistnn.spi.MatrixShapes.requireElements("the weights", g.columnWidth(), filters);
        }

        @Override
        public Shape output() {
            var g = convGeometry(input, kernel, stride, padding);
            return Shape.image(g.outHeight(), g.outWidth(), filters);
        }

        @Override
        public long parameterCount() {
            return ((long) kernel * kernel * input.channels() + 1) * filters;
        }

        @Override
        public Layer initialize(Initializer initializer, SplittableRandom random) {
            int fanIn = kernel * kernel * input.channels();
            double[] weights = new double[fanIn * filters];
            double[] biases = new double[filters];
            initializer.fill(fanIn, filters, random, weights);
            initializer.fillBiases(fanIn, filters, random, biases);
            return ApiAccess.get().conv2d(input, kernel, stride, padding, weights, biases, activation);
        }

        @Override
        public String toString() {
            return "conv2d(" + filters + ", " + kernel + "x" + kernel + (stride == 1 ? "" : ", stride " + stride)
                    + ", " + padding + ", " + activation + ")";
        }
    }

    /** A batch normalisation: scales and shifts per feature, starting as the identity. */
    record Norm(Shape input, BatchNormStep step) implements LayerPlan {
        @Override
        public Shape output() {
            return input;
        }

        /** The features normalised: the channels of an image, the size of a vector. */
        public int features() {
            return input.isImage() ? input.channels() : input.size();
        }

        @Override
        public long parameterCount() {
            return 2L * features();
        }

        @Override
        public long storedValues() {
            return 4L * features();
        }

        @Override
        public Layer initialize(Initializer initializer, SplittableRandom random) {
            return ApiAccess.get().batchNorm(input, step);
        }

        @Override
        public String toString() {
            return "batchNorm";
        }
    }

    /** A layer without parameters: pooling, flatten or dropout, made once. */
    record Fixed(Layer layer) implements LayerPlan {
        @Override
        public Shape input() {
            return layer.inputShape();
        }

        @Override
        public Shape output() {
            return layer.outputShape();
        }

        @Override
        public Layer initialize(Initializer initializer, SplittableRandom random) {
            return layer;
        }

        @Override
        public String toString() {
            return layer.toString();
        }
    }
}
