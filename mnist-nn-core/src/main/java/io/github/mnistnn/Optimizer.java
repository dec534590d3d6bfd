package io.github.mnistnn;

import io.github.mnistnn.spi.OptimizerStep;
import java.util.Locale;

/**
 * How a gradient becomes a parameter update. Immutable; each training run keeps its own optimizer state
 * (velocities, moment estimates), started at zero, so two runs with one seed give one result. Weight decay given
 * to the {@link Trainer} is the classic L2 penalty added to the gradient; {@link #adamW} has its own decoupled
 * decay. Biases are never decayed.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().optimizer(Optimizer.adamW(1e-4)).learningRate(1e-3).batchSize(128).build();
 * }</pre>
 */
public final class Optimizer {
    /** The update rules. */
    public enum Kind {
        /** Plain stochastic gradient descent: {@code p -= lr g}. */
        SGD,
        /** Classical momentum: {@code v = mu v + g; p -= lr v}. */
        MOMENTUM,
        /** Nesterov momentum: {@code v = mu v + g; p -= lr (g + mu v)}. */
        NESTEROV,
        /** Adam with bias-corrected moment estimates. */
        ADAM,
        /** Adam with decoupled weight decay: {@code p -= lr wd p} before the Adam step. */
        ADAMW,
        /** RMSProp: {@code v = rho v + (1 - rho) g^2; p -= lr g / (sqrt(v) + eps)}. */
        RMSPROP
    }

    private static final Optimizer SGD = new Optimizer(Kind.SGD, 0, 0, 0, 0);

    private final Kind kind;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    private Optimizer(Kind kind, double beta1, double beta2, double epsilon, double weightDecay) {
        this.kind = kind;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /**
     * Plain SGD, the default and the reference's rule.
     *
     * @return the optimizer
     */
    public static Optimizer sgd() {
        return SGD;
    }

    /**
     * Classical momentum (Polyak, "Some methods of speeding up the convergence of iteration methods", 1964), in
     * the form of Sutskever et al., "On the importance of initialization and momentum in deep learning" (ICML 2013).
     *
     * @param momentum in [0, 1), typically 0.9
     * @return the optimizer
     */
    public static Optimizer momentum(double momentum) {
        return new Optimizer(Kind.MOMENTUM, inUnit("momentum", momentum), 0, 0, 0);
    }

    /**
     * Nesterov momentum (Nesterov, 1983), in the form of Sutskever et al. (ICML 2013).
     *
     * @param momentum in [0, 1), typically 0.9
     * @return the optimizer
     */
    public static Optimizer nesterov(double momentum) {
        return new Optimizer(Kind.NESTEROV, inUnit("momentum", momentum), 0, 0, 0);
    }

    /**
     * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) with its defaults: beta1
     * 0.9, beta2 0.999, epsilon 1e-8 (use learning rate 1e-3).
     *
     * @return the optimizer
     */
    public static Optimizer adam() {
        return adam(0.9, 0.999, 1e-8);
    }

    /**
     * Adam with chosen constants.
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param epsilon added to the root of the second moment, above 0
     * @return the optimizer
     */
    public static Optimizer adam(double beta1, double beta2, double epsilon) {
        return new Optimizer(Kind.ADAM, inUnit("beta1", beta1), inUnit("beta2", beta2), positive("epsilon", epsilon), 0);
    }

    /**
     * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019) with Adam's defaults.
     *
     * @param weightDecay the decoupled decay, at least 0 (1e-2 in the paper's experiments; 1e-4 is common on MNIST)
     * @return the optimizer
     */
    public static Optimizer adamW(double weightDecay) {
        return adamW(0.9, 0.999, 1e-8, weightDecay);
    }

    /**
     * AdamW with chosen constants.
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param epsilon added to the root of the second moment, above 0
     * @param weightDecay the decoupled decay, at least 0
     * @return the optimizer
     */
    public static Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay) {
        return new Optimizer(Kind.ADAMW, inUnit("beta1", beta1), inUnit("beta2", beta2), positive("epsilon", epsilon),
                nonNegative("weightDecay", weightDecay));
    }

    /**
     * RMSProp (Tieleman and Hinton, COURSERA "Neural Networks for Machine Learning", lecture 6.5, 2012) with rho
     * 0.9 and epsilon 1e-8 (use a learning rate near 1e-3).
     *
     * @return the optimizer
     */
    public static Optimizer rmsProp() {
        return rmsProp(0.9, 1e-8);
    }

    /**
     * RMSProp with chosen constants.
     *
     * @param rho decay of the mean square, in [0, 1)
     * @param epsilon added to its root, above 0
     * @return the optimizer
     */
    public static Optimizer rmsProp(double rho, double epsilon) {
        return new Optimizer(Kind.RMSPROP, inUnit("rho", rho), 0, positive("epsilon", epsilon), 0);
    }

    /**
     * The update rule.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The element-wise step of this optimizer at one update.
     *
     * @param learningRate the learning rate of this update
     * @param l2 the coupled L2 weight decay (0 for biases)
     * @param decay whether decoupled decay applies (false for biases)
     * @param step the update's number, from 1 (for Adam's bias correction)
     * @return the step for {@link io.github.mnistnn.spi.Backend#applyGradient}
     */
    OptimizerStep step(double learningRate, double l2, boolean decay, long step) {
        double c1 = kind == Kind.ADAM || kind == Kind.ADAMW ? 1 - StrictMath.pow(beta1, step) : 1;
        double c2 = kind == Kind.ADAM || kind == Kind.ADAMW ? 1 - StrictMath.pow(beta2, step) : 1;
        return new OptimizerStep(kind.ordinal(), learningRate, beta1, beta2, epsilon, l2,
                decay ? weightDecay : 0, c1, c2);
    }

    @Override
    public String toString() {
        switch (kind) {
            case SGD:
                return "SGD";
            case MOMENTUM:
            case NESTEROV:
                return String.format(Locale.ROOT, "%s(momentum=%s)", kind, beta1);
            case RMSPROP:
                return String.format(Locale.ROOT, "RMSPROP(rho=%s, epsilon=%s)", beta1, epsilon);
            case ADAMW:
                return String.format(Locale.ROOT, "ADAMW(beta1=%s, beta2=%s, epsilon=%s, weightDecay=%s)", beta1, beta2,
                        epsilon, weightDecay);
            default:
                return String.format(Locale.ROOT, "ADAM(beta1=%s, beta2=%s, epsilon=%s)", beta1, beta2, epsilon);
        }
    }

    private static double inUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    private static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and above 0, got " + value);
        }
        return value;
    }

    private static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and at least 0, got " + value);
        }
        return value;
    }
}
