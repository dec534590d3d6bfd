package io.github.mnistnn;

/**
 * Training losses, per sample; a batch's loss is the mean over its samples.
 *
 * <p>Each loss gives its value and the output delta {@code S_L = dL/dn_L} side by side.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().loss(Loss.MEAN_SQUARED_ERROR).build();
 * }</pre>
 */
public enum Loss {
    /**
     * Softmax output with cross-entropy, {@code L = -sum_i y_i log a_i}; the output layer must use
     * {@link Activation#SOFTMAX}. Its output delta is {@code a - y}. The value is computed from the logits
     * ({@code log a_i = n_i - max - log sum e^(n_j - max)}), so it stays finite however confident the net is.
     */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        public double value(Activation output, double[] n, double[] a, double[] y, int offset, int length) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = offset; i < offset + length; i++) {
                max = Math.max(max, n[i]);
            }
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                sum += StrictMath.exp(n[i] - max);
            }
            double logSum = StrictMath.log(sum);
            double loss = 0;
            for (int i = offset; i < offset + length; i++) {
                if (y[i] != 0) {
                    loss -= y[i] * (n[i] - max - logSum);
                }
            }
            return loss;
        }

        @Override
        public void delta(Activation output, double[] n, double[] a, double[] y, double[] s, int offset,
                int length) {
            for (int i = offset; i < offset + length; i++) {
                s[i] = a[i] - y[i];
            }
        }
    },
    /**
     * Half the squared error, {@code L = 1/2 sum_i (a_i - y_i)^2}, for any output activation. Its output delta
     * is {@code J^T (a - y)}, which for an element-wise activation is {@code sigma'(n) * (a - y)}.
     */
    MEAN_SQUARED_ERROR {
        @Override
        public double value(Activation output, double[] n, double[] a, double[] y, int offset, int length) {
            double loss = 0;
            for (int i = offset; i < offset + length; i++) {
                double d = a[i] - y[i];
                loss += d * d;
            }
            return 0.5 * loss;
        }

        @Override
        public void delta(Activation output, double[] n, double[] a, double[] y, double[] s, int offset,
                int length) {
            for (int i = offset; i < offset + length; i++) {
                s[i] = a[i] - y[i];
            }
            output.backward(n, a, 1.0, s, s, offset, length);
        }
    };

    /**
     * The loss of one sample (one row).
     *
     * @param output the output layer's activation
     * @param n output pre-activations
     * @param a output activations
     * @param y the target (one-hot for classification)
     * @param offset first index of the row
     * @param length row length
     * @return the loss
     */
    public abstract double value(Activation output, double[] n, double[] a, double[] y, int offset, int length);

    /**
     * The output delta {@code S_L = dL/dn_L} of one sample (one row).
     *
     * @param output the output layer's activation
     * @param n output pre-activations
     * @param a output activations
     * @param y the target
     * @param s written with the delta
     * @param offset first index of the row
     * @param length row length
     */
    public abstract void delta(Activation output, double[] n, double[] a, double[] y, double[] s, int offset,
            int length);

    /**
     * Checks that this loss can follow the given output activation.
     *
     * @param output the output layer's activation
     * @throws IllegalArgumentException if the pair is not supported
     */
    public void requireCompatible(Activation output) {
        if (this == SOFTMAX_CROSS_ENTROPY && output != Activation.SOFTMAX) {
            throw new IllegalArgumentException(
                    "loss SOFTMAX_CROSS_ENTROPY needs a SOFTMAX output layer, but the output layer is " + output);
        }
    }
}
