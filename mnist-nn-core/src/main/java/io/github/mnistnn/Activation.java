package io.github.mnistnn;

/**
 * The activation functions a layer can apply, each with its derivative written directly below its forward
 * rule.
 *
 * <p>The element-wise functions map one pre-activation {@code n} to one activation {@code a}; {@link #SOFTMAX}
 * maps a whole row. Backward passes are expressed as vector-Jacobian products, {@code out = scale * J^T grad},
 * which for an element-wise function is {@code scale * sigma'(n) * grad}.
 *
 * <p>{@code exp} and {@code tanh} come from {@link StrictMath} (fdlibm's algorithms), never from the {@link Math}
 * intrinsics, whose last bits differ between JDKs (Temurin 25's {@code Math.tanh} differs from JDK 17's on about
 * 14 % of inputs): the same network gives the same outputs, bit for bit, on every JDK. The loss, the optimizers and
 * the schedules do the same.
 *
 * <pre>{@code
 * double[] n = {1000, 0, -1000};
 * double[] a = new double[3];
 * Activation.SOFTMAX.forward(n, a, 0, 3);   // {1, 0, 0}, no overflow
 * }</pre>
 */
public enum Activation {
    /** The logistic function {@code 1 / (1 + e^-n)}. */
    SIGMOID {
        @Override
        public double value(double n) {
            return 1.0 / (1.0 + StrictMath.exp(-n));
        }

        @Override
        public double derivative(double n, double a) {
            return a * (1.0 - a);
        }
    },
    /** The hyperbolic tangent. */
    TANH {
        @Override
        public double value(double n) {
            return StrictMath.tanh(n);
        }

        @Override
        public double derivative(double n, double a) {
            return 1.0 - a * a;
        }
    },
    /** The rectified linear unit {@code max(0, n)}; its derivative at 0 is taken as 0. */
    RELU {
        @Override
        public double value(double n) {
            return n > 0 ? n : 0.0;
        }

        @Override
        public double derivative(double n, double a) {
            return n > 0 ? 1.0 : 0.0;
        }

        @Override
        public void forward(double[] n, double[] a, int offset, int length) {
            // value(n) without a branch (half the inputs are negative, in no pattern a branch predictor learns):
            // the bits are kept where 0 < bits <= bits(+infinity), which is n > 0, and cleared otherwise.
            long infinity = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
            for (int i = offset; i < offset + length; i++) {
                long bits = Double.doubleToRawLongBits(n[i]);
                long below = bits - 1;
                a[i] = Double.longBitsToDouble(bits & ((~below & (below - infinity)) >> 63));
            }
        }

        @Override
        public void backward(double[] n, double[] a, double scale, double[] grad, double[] out, int offset,
                int length) {
            // scale * derivative(n, a) * grad, the derivative (1 or 0) made from n's bits as forward keeps them.
            long infinity = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
            long one = Double.doubleToRawLongBits(1.0);
            for (int i = offset; i < offset + length; i++) {
                long below = Double.doubleToRawLongBits(n[i]) - 1;
                out[i] = scale * Double.longBitsToDouble(one & ((~below & (below - infinity)) >> 63)) * grad[i];
            }
        }
    },
    /** The leaky rectified linear unit: {@code n} for positive inputs, {@link #LEAKY_SLOPE}{@code * n} otherwise. */
    LEAKY_RELU {
        @Override
        public double value(double n) {
            return n > 0 ? n : LEAKY_SLOPE * n;
        }

        @Override
        public double derivative(double n, double a) {
            return n > 0 ? 1.0 : LEAKY_SLOPE;
        }
    },
    /** The identity {@code a = n}. */
    IDENTITY {
        @Override
        public double value(double n) {
            return n;
        }

        @Override
        public double derivative(double n, double a) {
            return 1.0;
        }
    },
    /**
     * The softmax over a row, {@code a_i = e^(n_i - max) / sum_j e^(n_j - max)}; shifting by the row's maximum
     * keeps it finite for inputs of any magnitude.
     */
    SOFTMAX {
        @Override
        public double value(double n) {
            throw new UnsupportedOperationException("softmax is defined on a whole row, not on one value");
        }

        @Override
        public double derivative(double n, double a) {
            throw new UnsupportedOperationException("softmax has a Jacobian, not an element-wise derivative");
        }

        @Override
        public boolean isElementwise() {
            return false;
        }

        @Override
        public void forward(double[] n, double[] a, int offset, int length) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = offset; i < offset + length; i++) {
                max = Math.max(max, n[i]);
            }
            double sum = 0;
            for (int i = offset; i < offset + length; i++) {
                double e = StrictMath.exp(n[i] - max);
                a[i] = e;
                sum += e;
            }
            double inverse = 1.0 / sum;
            for (int i = offset; i < offset + length; i++) {
                a[i] *= inverse;
            }
        }

        // J = diag(a) - a a^T, so J^T g = a * (g - a.g).
        @Override
        public void backward(double[] n, double[] a, double scale, double[] grad, double[] out, int offset,
                int length) {
            double dot = 0;
            for (int i = offset; i < offset + length; i++) {
                dot += a[i] * grad[i];
            }
            for (int i = offset; i < offset + length; i++) {
                out[i] = scale * a[i] * (grad[i] - dot);
            }
        }
    };

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    /**
     * Applies an element-wise activation to one value.
     *
     * @param n the pre-activation
     * @return the activation
     * @throws UnsupportedOperationException for {@link #SOFTMAX}, which is defined on a row
     */
    public abstract double value(double n);

    /**
     * The derivative of an element-wise activation.
     *
     * @param n the pre-activation
     * @param a the activation {@code value(n)}, which several derivatives are cheaper from
     * @return {@code d a / d n}
     * @throws UnsupportedOperationException for {@link #SOFTMAX}
     */
    public abstract double derivative(double n, double a);

    /**
     * Whether this activation maps each value on its own (everything but {@link #SOFTMAX}).
     *
     * @return {@code true} when element-wise
     */
    public boolean isElementwise() {
        return true;
    }

    /**
     * Computes {@code a[i] = f(n)[i]} for one row {@code [offset, offset + length)}.
     *
     * @param n pre-activations, read only
     * @param a activations, written; may be the same array as {@code n}
     * @param offset first index of the row
     * @param length row length
     */
    public void forward(double[] n, double[] a, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            a[i] = value(n[i]);
        }
    }

    /**
     * The vector-Jacobian product of one row: {@code out = scale * J(n)^T grad}.
     *
     * @param n pre-activations of the row
     * @param a activations of the row
     * @param scale factor applied to the result
     * @param grad the gradient with respect to the activations
     * @param out written with the gradient with respect to the pre-activations; may be {@code grad}
     * @param offset first index of the row
     * @param length row length
     */
    public void backward(double[] n, double[] a, double scale, double[] grad, double[] out, int offset,
            int length) {
        for (int i = offset; i < offset + length; i++) {
            out[i] = scale * derivative(n[i], a[i]) * grad[i];
        }
    }
}
