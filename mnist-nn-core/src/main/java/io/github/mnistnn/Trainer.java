package io.github.mnistnn;

import io.github.mnistnn.internal.training.TrainingRun;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stochastic gradient descent with either backprop rule, online (batch size 1, the reference's mode) or in
 * mini-batches (the per-sample deltas averaged over the batch). A trainer is immutable configuration: every
 * {@link #train} call starts from its seed, so two calls with one seed give bit-for-bit the same network on
 * the same backend. The samples are reshuffled every epoch from that seed (and, with {@link Augmentation}, the
 * training images moved from it). CB is the chain rule through every layer kind; UHB is defined for dense networks
 * and refused for any other.
 *
 * <p>Before training, the training and validation data are checked once: a feature that is NaN or infinite, or
 * a label outside the network's outputs, is refused with its row and column. During training a run that blows
 * up is stopped with a {@link TrainingDivergedException} as soon as its loss or weights stop being finite, or
 * earlier, while they are still finite, when the mean loss over 1,000 samples passes 10 times the loss at
 * chance (or the starting loss, if that is higher) or a weight passes {@code 1e6} (the exception states the
 * rule exactly).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .rule(BackpropRule.CB)
 *         .learningRate(0.01)
 *         .epochs(5)
 *         .seed(42)
 *         .build();
 * Network network = trainer.train(NetworkSpec.reference(5), trainingData);
 * }</pre>
 */
public final class Trainer {
    private final BackpropRule rule;
    private final Loss loss;
    private final double learningRate;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final String backendName;
    private final Backend backend;
    private final List<TrainingListener> listeners;
    private final boolean fusedKernels;
    private final Optimizer optimizer;
    private final double weightDecay;
    private final double[] dropout;
    private final LearningRateSchedule schedule;
    private final LabeledData validation;
    private final int patience;
    private final Augmentation augmentation;
    private final int averageFrom;

    private Trainer(Builder b) {
        this.rule = b.rule;
        this.loss = b.loss;
        this.learningRate = b.learningRate;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.backendName = b.backendName;
        this.backend = b.backend;
        this.listeners = List.copyOf(b.listeners);
        this.fusedKernels = b.fusedKernels;
        this.optimizer = b.optimizer;
        this.weightDecay = b.weightDecay;
        this.dropout = b.dropout.clone();
        this.schedule = b.schedule;
        this.validation = b.validation;
        this.patience = b.patience;
        this.augmentation = b.augmentation;
        this.averageFrom = b.averageFrom;
    }

    /**
     * Starts a trainer with the defaults: CB, softmax cross-entropy, plain SGD at learning rate 0.01 with a
     * constant schedule, 1 epoch, online (batch size 1), no weight decay, no dropout, no validation, seed 0, the
     * {@code "cpu"} backend.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Initialises a network from the spec with this trainer's seed and trains it.
     *
     * @param spec the network's shape
     * @param data the training data
     * @return the trained network, with its provenance
     * @throws IllegalArgumentException if the data does not fit the spec, a feature is NaN or infinite (naming
     *     its row and column), or the loss does not fit its output
     * @throws TrainingDivergedException if the loss or the weights stop being finite or pass the bounds
     *     {@link TrainingDivergedException} states
     */
    public Network train(NetworkSpec spec, LabeledData data) {
        SplittableRandom root = new SplittableRandom(seed);
        Network start = Network.initialize(spec, root.split());
        return run(start, data, root.split(), root.nextLong());
    }

    /**
     * Trains further from an existing network (its weights are not changed; a new network is returned).
     *
     * @param start the network to start from
     * @param data the training data
     * @return the trained network
     * @throws IllegalArgumentException if the data does not fit the network or a feature is NaN or infinite
     *     (naming its row and column)
     * @throws TrainingDivergedException if the loss or the weights stop being finite or pass the bounds
     *     {@link TrainingDivergedException} states
     */
    public Network train(Network start, LabeledData data) {
        SplittableRandom root = new SplittableRandom(seed);
        root.split();
        return run(start, data, root.split(), root.nextLong());
    }

    private Network run(Network start, LabeledData data, SplittableRandom shuffle, long dropoutSeed) {
        TrainerChecks.requireTrainable(this, dropout, start, data);
        if (backend != null) {
            return runOn(backend, start, data, shuffle, dropoutSeed);
        }
        try (Backend owned = Backends.open(backendName)) {
            return runOn(owned, start, data, shuffle, dropoutSeed);
        }
    }

    private Network runOn(Backend device, Network start, LabeledData data, SplittableRandom shuffle,
            long dropoutSeed) {
        try (TrainingRun run = new TrainingRun(this, device, start, data, shuffle, dropoutSeed)) {
            return run.train();
        }
    }

    /**
     * The backprop rule.
     *
     * @return the rule
     */
    public BackpropRule rule() {
        return rule;
    }

    /**
     * The loss.
     *
     * @return the loss
     */
    public Loss loss() {
        return loss;
    }

    /**
     * The learning rate.
     *
     * @return the learning rate
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The number of epochs.
     *
     * @return the epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Samples per update.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The optimizer.
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The coupled L2 weight decay.
     *
     * @return at least 0
     */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * The dropout rate of a hidden layer.
     *
     * @param layer the layer index, from 0
     * @return the rate, 0 when the layer has none
     */
    public double dropout(int layer) {
        return layer < dropout.length ? dropout[layer] : 0;
    }

    /**
     * The learning-rate schedule.
     *
     * @return the schedule
     */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * Epochs without a better validation loss before training stops, or 0 for no early stopping.
     *
     * @return the patience
     */
    public int patience() {
        return patience;
    }

    /**
     * The data scored after every epoch (and watched by early stopping).
     *
     * @return the validation data, or {@code null} for none
     */
    public LabeledData validation() {
        return validation;
    }

    /**
     * The augmentation of the training images.
     *
     * @return the augmentation, or {@code null} for none
     */
    public Augmentation augmentation() {
        return augmentation;
    }

    /**
     * The first epoch whose final weights go into the averaged network that training returns.
     *
     * @return the epoch, or 0 for no averaging
     */
    public int averageWeightsFrom() {
        return averageFrom;
    }

    /**
     * Whether a backend's fused online-learning kernels may run the training when they fit it.
     *
     * @return true unless turned off
     */
    public boolean fusedKernels() {
        return fusedKernels;
    }

    /**
     * The listeners told of progress and of each finished epoch, in the order they were added.
     *
     * @return an unmodifiable list
     */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** Builds a {@link Trainer}; every value is checked as it is given. */
    public static final class Builder {
        private BackpropRule rule = BackpropRule.CB;
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private double learningRate = 0.01;
        private int epochs = 1;
        private int batchSize = 1;
        private long seed;
        private String backendName = "cpu";
        private Backend backend;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean fusedKernels = true;
        private Optimizer optimizer = Optimizer.sgd();
        private double weightDecay;
        private double[] dropout = {};
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private LabeledData validation;
        private int patience;
        private Augmentation augmentation;
        private int averageFrom;

        private Builder() {
        }

        /**
         * Sets the backprop rule.
         *
         * @param rule CB or UHB
         * @return this builder
         */
        public Builder rule(BackpropRule rule) {
            this.rule = TrainerChecks.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Sets the loss.
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = TrainerChecks.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Sets the learning rate.
         *
         * @param learningRate a finite value above 0
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and above 0, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the number of epochs.
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the samples per update; 1 is online learning.
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the seed of the weights and of the shuffling.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Trains on a backend found by name; each training run opens and closes its own instance.
         *
         * @param name such as {@code "cpu"} (the default) or {@code "opencl"}
         * @return this builder
         */
        public Builder backend(String name) {
            this.backendName = TrainerChecks.requireNonNull(name, "backend name");
            this.backend = null;
            return this;
        }

        /**
         * Trains on an open backend, which the caller keeps and closes.
         *
         * @param backend the backend
         * @return this builder
         */
        public Builder backend(Backend backend) {
            this.backend = TrainerChecks.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * Sets the optimizer; the default is plain SGD.
         *
         * @param optimizer the optimizer
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = TrainerChecks.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets the L2 weight decay {@code lambda}: {@code lambda * W} is added to every weight gradient (biases are
         * not decayed). For AdamW's decoupled decay use {@link Optimizer#adamW(double)} instead.
         *
         * @param lambda at least 0
         * @return this builder
         */
        public Builder weightDecay(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("weightDecay must be finite and at least 0, got " + lambda);
            }
            this.weightDecay = lambda;
            return this;
        }

        /**
         * Sets inverted dropout on the hidden layers, during training only: each unit of hidden layer {@code k}
         * is zeroed with probability {@code rates[k]} and the kept ones scaled by {@code 1 / (1 - rate)}
         * (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014).
         *
         * @param rates one rate per hidden layer from the first, each in [0, 1); fewer rates leave the later
         *     layers without dropout
         * @return this builder
         */
        public Builder dropout(double... rates) {
            for (int k = 0; k < rates.length; k++) {
                if (!(rates[k] >= 0 && rates[k] < 1)) {
                    throw new IllegalArgumentException("dropout rate of hidden layer " + (k + 1)
                            + " must be in [0, 1), got " + rates[k]);
                }
            }
            this.dropout = rates.clone();
            return this;
        }

        /**
         * Sets how the learning rate changes per epoch; the default is constant.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = TrainerChecks.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets held-out data scored after every epoch (its loss and accuracy reach the listeners).
         *
         * @param data the validation data
         * @return this builder
         */
        public Builder validation(LabeledData data) {
            this.validation = TrainerChecks.requireNonNull(data, "validation data");
            return this;
        }

        /**
         * Stops when the validation loss has not improved for {@code patience} epochs and returns the weights of
         * the best epoch. Needs {@link #validation}.
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder earlyStopping(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be at least 1, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * Moves every training image by a fresh random shift and rotation each time it is used, on the host (see
         * {@link Augmentation}); needs a network with an image input. The default is none.
         *
         * @param augmentation the augmentation
         * @return this builder
         */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = TrainerChecks.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * Returns the mean of the weights at the end of every epoch from {@code epoch} to the last (Polyak
         * averaging of the epoch ends, the stochastic weight averaging of Izmailov et al., 2018), instead of the
         * last weights. Batch normalisation's running statistics are averaged the same way, which fits a schedule
         * that has slowed the learning rate by then; layers without parameters are kept as they are. Listeners
         * still see each epoch's own weights. If training stops before {@code epoch}, the last weights are
         * returned. The default is no averaging.
         *
         * <pre>{@code
         * Trainer trainer = Trainer.builder().epochs(15).averageWeightsFrom(10).build();
         * }</pre>
         *
         * @param epoch the first epoch averaged, at least 1
         * @return this builder
         */
        public Builder averageWeightsFrom(int epoch) {
            if (epoch < 1) {
                throw new IllegalArgumentException("the first averaged epoch must be at least 1, got " + epoch);
            }
            this.averageFrom = epoch;
            return this;
        }

        /**
         * Whether online runs may use a backend's fused path ({@link io.github.mnistnn.spi.FusedOnlineTraining})
         * when it has one. On by default; turning it off runs the primitive operations the fused path is
         * tested against.
         *
         * @param enabled {@code false} to force the primitive path
         * @return this builder
         */
        public Builder fusedKernels(boolean enabled) {
            this.fusedKernels = enabled;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener told about progress; may stop training
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(TrainerChecks.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return the trainer
         * @throws IllegalArgumentException if early stopping is asked for without validation data, or together
         *     with weight averaging
         */
        public Trainer build() {
            if (patience > 0 && validation == null) {
                throw new IllegalArgumentException("earlyStopping(" + patience + ") needs validation data");
            }
            if (patience > 0 && averageFrom > 0) {
                throw new IllegalArgumentException("earlyStopping(" + patience + ") returns the best epoch's weights"
                        + " and averageWeightsFrom(" + averageFrom + ") their mean: choose one");
            }
            return new Trainer(this);
        }
    }
}
