package io.github.mnistnn.examples;

import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.Arrays;
import java.util.Locale;

/**
 * How much memory a fully connected network needs: its parameters (sum over layers of fanIn * fanOut + fanOut,
 * counted in {@code long}), their bytes as doubles, and how many copies of them training keeps. The command
 * line checks a network against it before any data is loaded, and explains an {@link OutOfMemoryError} with it.
 *
 * <pre>{@code
 * NetworkFootprint f = NetworkFootprint.of(784, 64, 32, 16, 5);
 * f.parameters();   // 52,933
 * }</pre>
 */
final class NetworkFootprint {
    /**
     * Copies of the weights training keeps on the heap at the least, on any backend: the starting network and
     * the trained one are both there when training ends.
     */
    static final int MINIMUM_COPIES = 2;

    private static final double GIB = 1L << 30;

    private final int inputWidth;
    private final int[] widths;
    /** The spec's own description and parameter count, for a spec with layers that are not dense; else null. */
    private final NetworkSpec spec;

    private NetworkFootprint(int inputWidth, int[] widths, NetworkSpec spec) {
        this.inputWidth = inputWidth;
        this.widths = widths.clone();
        this.spec = spec;
    }

    /**
     * The footprint of a network of these widths.
     *
     * @param inputWidth the inputs
     * @param widths each layer's units, the output layer last
     * @return the footprint
     */
    static NetworkFootprint of(int inputWidth, int... widths) {
        return new NetworkFootprint(inputWidth, widths, null);
    }

    /**
     * The footprint of a spec.
     *
     * @param spec the network's shape
     * @return the footprint
     */
    static NetworkFootprint of(NetworkSpec spec) {
        int[] widths = new int[spec.depth()];
        boolean dense = !spec.inputShape().isImage();
        for (int k = 0; k < widths.length; k++) {
            widths[k] = spec.width(k);
            dense &= !spec.outputShape(k).isImage();
        }
        return new NetworkFootprint(spec.inputWidth(), widths, dense ? null : spec);
    }

    /**
     * The weights and biases together.
     *
     * @return sum over layers of fanIn * fanOut + fanOut
     */
    long parameters() {
        if (spec != null) {
            return spec.parameterCount();
        }
        long total = 0;
        int fanIn = inputWidth;
        for (int fanOut : widths) {
            total += (long) fanIn * fanOut + fanOut;
            fanIn = fanOut;
        }
        return total;
    }

    /**
     * The first layer whose weights do not fit in one array, with its sizes, or {@code null} when all fit.
     *
     * @return such as {@code "layer 2 (65536 x 65536 = 4294967296 weights)"}, or {@code null}
     */
    String layerTooLargeForOneArray() {
        if (spec != null) {
            return null; // its builder refused any layer too large
        }
        int fanIn = inputWidth;
        for (int k = 0; k < widths.length; k++) {
            long weights = (long) fanIn * widths[k];
            if (weights > MatrixShapes.MAX_ELEMENTS) {
                return String.format(Locale.ROOT, "layer %d (%d x %d = %,d weights)", k + 1, fanIn, widths[k],
                        weights);
            }
            fanIn = widths[k];
        }
        return null;
    }

    /**
     * How many copies of the parameters training keeps: the weights on the host and on the backend, the
     * gradients, and for any optimizer but plain SGD its two state arrays.
     *
     * @param optimizer the trainer's optimizer
     * @return 3 for plain SGD, 5 otherwise
     */
    static int trainingCopies(Optimizer optimizer) {
        return optimizer.kind() == Optimizer.Kind.SGD ? 3 : 5;
    }

    /**
     * The bytes of some copies of the parameters as doubles.
     *
     * @param copies how many copies
     * @return parameters * 8 * copies, saturating at {@code Long.MAX_VALUE}
     */
    long bytes(int copies) {
        long parameters = parameters();
        if (copies <= 0) {
            return 0;
        }
        return parameters > Long.MAX_VALUE / 8 / copies ? Long.MAX_VALUE : parameters * 8 * copies;
    }

    /**
     * The {@code -Xmx} to try for training with this many copies: their bytes plus 1 GiB for the data and the
     * rest, rounded up to whole GiB, and at least twice the heap that was too small.
     *
     * @param copies the copies training keeps
     * @param maxHeap the heap's limit in bytes now
     * @return such as {@code "-Xmx14g"}
     */
    String heapToTry(int copies, long maxHeap) {
        long needed = (long) Math.ceil(bytes(copies) / GIB) + 1;
        long doubled = (long) Math.ceil(2.0 * maxHeap / GIB);
        return "-Xmx" + Math.max(needed, doubled) + "g";
    }

    /**
     * What the network needs, for a message.
     *
     * @param copies the copies training keeps
     * @return such as {@code "network 784-4096-4096-10 has 20,037,642 parameters; training keeps 3 copies of
     *         them as doubles (weights, gradients, optimizer state): about 458.6 MB"}
     */
    String describe(int copies) {
        return String.format(Locale.ROOT, "network %s has %,d parameters; training keeps %d copies of them as "
                + "doubles (weights, gradients, optimizer state): about %s", shape(), parameters(), copies,
                size(bytes(copies)));
    }

    /**
     * The network's shape, such as {@code 784-64-32-16-5}.
     *
     * @return the shape
     */
    String shape() {
        if (spec != null) {
            return spec.toString();
        }
        StringBuilder s = new StringBuilder().append(inputWidth);
        Arrays.stream(widths).forEach(w -> s.append('-').append(w));
        return s.toString();
    }

    /**
     * A size in bytes for people.
     *
     * @param bytes the size
     * @return such as {@code "12.0 GB"} or {@code "480.9 MB"} (binary units)
     */
    static String size(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / GIB);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
