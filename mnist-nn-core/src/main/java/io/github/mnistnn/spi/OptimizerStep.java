package io.github.mnistnn.spi;

/**
 * One optimizer update of a parameter matrix, element by element, as {@link Backend#applyGradient} performs it.
 * {@link #apply} is the host reference every backend matches. With {@code g = grad + l2 * p} (the coupled L2
 * term), by {@code rule} (the ordinal of {@link io.github.mnistnn.Optimizer.Kind}):
 * <pre>
 * SGD       p -= lr g
 * MOMENTUM  m = beta1 m + g;  p -= lr m
 * NESTEROV  m = beta1 m + g;  p -= lr (g + beta1 m)
 * ADAM      m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;
 *           p -= lr (m / c1) / (sqrt(v / c2) + epsilon)
 * ADAMW     p -= lr decoupledDecay p, then the ADAM step
 * RMSPROP   m = beta1 m + (1 - beta1) g^2;  p -= lr g / (sqrt(m) + epsilon)
 * </pre>
 *
 * <pre>{@code
 * OptimizerStep sgd = new OptimizerStep(OptimizerStep.SGD, 0.1, 0, 0, 0, 0, 0, 1, 1);
 * }</pre>
 *
 * @param rule the update rule's code
 * @param learningRate the learning rate
 * @param beta1 momentum, Adam's beta1 or RMSProp's rho
 * @param beta2 Adam's beta2
 * @param epsilon Adam's and RMSProp's epsilon
 * @param l2 the coupled L2 weight decay
 * @param decoupledDecay AdamW's decoupled decay
 * @param c1 Adam's first bias correction, {@code 1 - beta1^t}
 * @param c2 Adam's second bias correction, {@code 1 - beta2^t}
 */
public record OptimizerStep(int rule, double learningRate, double beta1, double beta2, double epsilon, double l2,
        double decoupledDecay, double c1, double c2) {
    /** Code of plain SGD. */
    public static final int SGD = 0;
    /** Code of classical momentum. */
    public static final int MOMENTUM = 1;
    /** Code of Nesterov momentum. */
    public static final int NESTEROV = 2;
    /** Code of Adam. */
    public static final int ADAM = 3;
    /** Code of AdamW. */
    public static final int ADAMW = 4;
    /** Code of RMSProp. */
    public static final int RMSPROP = 5;

    /**
     * Updates {@code p}, {@code m} and {@code v} in place over {@code [0, length)}.
     *
     * @param p the parameters
     * @param grad the gradient (averaged over the batch)
     * @param m the first state (velocity, first moment or mean square)
     * @param v the second state (Adam's second moment)
     * @param length the number of elements
     */
    public void apply(double[] p, double[] grad, double[] m, double[] v, int length) {
        for (int i = 0; i < length; i++) {
            double g = grad[i] + l2 * p[i];
            switch (rule) {
                case MOMENTUM:
                    m[i] = beta1 * m[i] + g;
                    p[i] -= learningRate * m[i];
                    break;
                case NESTEROV:
                    m[i] = beta1 * m[i] + g;
                    p[i] -= learningRate * (g + beta1 * m[i]);
                    break;
                case ADAM:
                case ADAMW:
                    p[i] -= learningRate * decoupledDecay * p[i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    p[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
                    break;
                case RMSPROP:
                    m[i] = beta1 * m[i] + (1 - beta1) * g * g;
                    p[i] -= learningRate * g / (Math.sqrt(m[i]) + epsilon);
                    break;
                default:
                    p[i] -= learningRate * g;
                    break;
            }
        }
    }
}
