package io.github.mnistnn;

import java.util.random.RandomGenerator;

/**
 * How a new network's weights are drawn; biases start at zero except under {@link #FAN_IN_UNIFORM}. Every
 * initializer is driven by the trainer's seed, so one seed gives one network.
 *
 * <pre>{@code
 * NetworkSpec spec = NetworkSpec.builder(784).layer(128, Activation.RELU).layer(10, Activation.SOFTMAX)
 *         .initializer(Initializer.HE).build();
 * }</pre>
 */
public enum Initializer {
    /** The reference project's default: every weight uniform in {@code [-0.5, 0.5)}. */
    REFERENCE_UNIFORM {
        @Override
        double draw(int fanIn, int fanOut, RandomGenerator random) {
            return random.nextDouble() - 0.5;
        }
    },
    /**
     * Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks" (AISTATS
     * 2010): uniform in {@code [-r, r)} with {@code r = sqrt(6 / (fan_in + fan_out))}. Suits sigmoid and tanh.
     */
    XAVIER {
        @Override
        double draw(int fanIn, int fanOut, RandomGenerator random) {
            double r = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * random.nextDouble() - 1) * r;
        }
    },
    /**
     * He, Zhang, Ren and Sun, "Delving Deep into Rectifiers" (ICCV 2015): normal with mean 0 and standard
     * deviation {@code sqrt(2 / fan_in)}. Suits ReLU.
     */
    HE {
        @Override
        double draw(int fanIn, int fanOut, RandomGenerator random) {
            return random.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
    },
    /**
     * PyTorch's default for {@code nn.Linear} (He et al.'s uniform form with {@code a = sqrt(5)}): weights and
     * biases uniform in {@code [-1/sqrt(fan_in), 1/sqrt(fan_in))}; the biases are drawn after the weights.
     */
    FAN_IN_UNIFORM {
        @Override
        double draw(int fanIn, int fanOut, RandomGenerator random) {
            return (2 * random.nextDouble() - 1) / Math.sqrt(fanIn);
        }

        @Override
        public void fillBiases(int fanIn, int fanOut, RandomGenerator random, double[] biases) {
            for (int j = 0; j < fanOut; j++) {
                biases[j] = draw(fanIn, fanOut, random);
            }
        }
    };

    abstract double draw(int fanIn, int fanOut, RandomGenerator random);

    /**
     * Fills a flat {@code fan_in x fan_out} weight array.
     *
     * @param fanIn inputs of the layer
     * @param fanOut units of the layer
     * @param random the source of randomness
     * @param weights written with {@code fan_in * fan_out} values
     */
    public void fill(int fanIn, int fanOut, RandomGenerator random, double[] weights) {
        for (int i = 0; i < fanIn * fanOut; i++) {
            weights[i] = draw(fanIn, fanOut, random);
        }
    }

    /**
     * Fills a layer's biases, drawn after its weights: zeros, except under {@link #FAN_IN_UNIFORM}.
     *
     * @param fanIn inputs of the layer
     * @param fanOut units of the layer
     * @param random the source of randomness
     * @param biases written with {@code fan_out} values
     */
    public void fillBiases(int fanIn, int fanOut, RandomGenerator random, double[] biases) {
        java.util.Arrays.fill(biases, 0, fanOut, 0.0);
    }
}
