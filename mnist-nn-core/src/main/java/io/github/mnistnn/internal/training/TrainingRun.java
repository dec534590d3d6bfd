package io.github.mnistnn.internal.training;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Augmentation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.EpochReport;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Layer;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.ProgressReport;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingListener;
import io.github.mnistnn.TrainingProvenance;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.layers.DeviceParameters;
import io.github.mnistnn.internal.layers.LayerPasses;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import io.github.mnistnn.spi.MatrixShapes;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One {@link Trainer#train} call: uploads the data and weights once, runs the epochs through the backend's
 * primitive operations (or its fused online path), and reads back only the metrics (per epoch, or per progress
 * interval when a listener asks, and every {@value DivergenceWatch#WINDOW} samples for the {@link DivergenceWatch})
 * and the weights once per epoch (to check their size, and with validation data to score them). Allocates nothing
 * per sample or per batch.
 */
public final class TrainingRun implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainingRun.class.getName());

    private final Trainer trainer;
    private final Backend backend;
    private final LabeledData data;
    private final SplittableRandom shuffle;
    private final long dropoutSeed;
    private final DeltaRule rule;
    private final FusedOnlineTraining fused;
    private final DeviceMatrix[] fusedWeights;
    private final DeviceMatrix[] fusedBiases;
    private final Activation[] fusedActivations;
    private final double[] dropout;
    private final int[] permutation;
    private final double[] metricsHost = new double[Backend.METRIC_COUNT];
    private final double[] metricsReset = {0, 0, -1};
    private DeviceParameters layers;
    private DeviceMatrix x;
    private DeviceMatrix y;
    private DeviceMatrix metrics;
    private DeviceIndices order;
    private BatchBuffers full;
    private BatchBuffers tail;
    private ParameterUpdate update;
    private long fingerprint;
    private long batchesRun;
    private DivergenceWatch watch;
    private double[] weightScratch;
    private final AugmentedBatches augmented;
    private final WeightAverage average;

    public TrainingRun(Trainer trainer, Backend backend, Network start, LabeledData data, SplittableRandom shuffle,
            long dropoutSeed) {
        this.trainer = trainer;
        this.average = trainer.averageWeightsFrom() > 0 ? new WeightAverage(trainer.averageWeightsFrom()) : null;
        this.backend = backend;
        this.data = data;
        this.shuffle = shuffle;
        this.dropoutSeed = dropoutSeed;
        this.rule = DeltaRule.of(trainer.rule());
        this.permutation = new int[data.size()];
        Augmentation augmentation = trainer.augmentation();
        this.augmented = augmentation == null ? null : new AugmentedBatches(augmentation, start.inputShape(), data,
                Math.min(trainer.batchSize(), data.size()), shuffle.split());
        this.dropout = new double[start.layers().size()];
        for (int k = 0; k < dropout.length - 1; k++) {
            dropout[k] = trainer.dropout(k);
        }
        int batch = Math.min(trainer.batchSize(), data.size());
        MatrixShapes.requireElements("a batch of the inputs", batch, start.inputWidth());
        for (int k = 0; k < start.layers().size(); k++) {
            MatrixShapes.requireElements("a batch of layer " + (k + 1) + "'s outputs", batch,
                    start.layers().get(k).outputWidth());
        }
        try {
            layers = new DeviceParameters(backend, start.layers());
            DeviceDataset uploaded = DeviceDataset.upload(backend, data, start.outputWidth());
            x = uploaded.features();
            y = uploaded.targets();
            fingerprint = uploaded.fingerprint();
            metrics = backend.allocate(1, Backend.METRIC_COUNT);
            order = backend.allocateIndices(data.size());
            boolean errors = trainer.rule() == BackpropRule.UHB;
            full = new BatchBuffers(backend, batch, layers, errors, dropout, dropoutSeed);
            int rest = data.size() % batch;
            tail = rest == 0 ? null : new BatchBuffers(backend, rest, layers, errors, dropout, dropoutSeed);
            update = new ParameterUpdate(backend, layers, trainer.optimizer(), trainer.weightDecay());
            watch = new DivergenceWatch(start, trainer.loss(), data, advice());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.fused = trainer.batchSize() == 1 && trainer.fusedKernels() && update.isPlainSgd() && !hasDropout(dropout)
                && start.layers().stream().allMatch(l -> l instanceof DenseLayer) && augmentation == null && backend instanceof FusedOnlineTraining f
                && f.canTrainOnline(start.inputWidth(), widths(start)) ? (FusedOnlineTraining) backend : null;
        this.fusedWeights = new DeviceMatrix[fused == null ? 0 : start.layers().size()];
        this.fusedBiases = new DeviceMatrix[fusedWeights.length];
        this.fusedActivations = new Activation[fusedWeights.length];
        for (int k = 0; k < fusedWeights.length; k++) {
            fusedWeights[k] = layers.weights(k);
            fusedBiases[k] = layers.biases(k);
            fusedActivations[k] = ((DenseLayer) start.layers().get(k)).activation();
        }
    }

    private static boolean hasDropout(double[] rates) {
        for (double rate : rates) {
            if (rate > 0) {
                return true;
            }
        }
        return false;
    }

    private static int[] widths(Network network) {
        int[] widths = new int[network.layers().size()];
        for (int k = 0; k < widths.length; k++) {
            widths[k] = network.layers().get(k).outputWidth();
        }
        return widths;
    }

    public Network train() {
        int n = data.size();
        int interval = progressInterval();
        LOG.log(Level.DEBUG, () -> "training on " + backend.name() + ": " + n + " samples, rule " + trainer.rule()
                + ", " + trainer.optimizer() + ", lr " + trainer.learningRate() + ", batch " + trainer.batchSize());
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        EarlyStopping early = trainer.patience() > 0 ? new EarlyStopping(trainer.patience()) : null;
        int epochsRun = 0;
        double lastAccuracy = 0;
        double lastValidation = Double.NaN;
        boolean stop = false;
        for (int epoch = 1; epoch <= trainer.epochs() && !stop; epoch++) {
            double rate = trainer.learningRate() * trainer.schedule().factor(epoch);
            shufflePermutation();
            backend.upload(permutation, order);
            backend.upload(metricsReset, 0, metrics);
            watch.startEpoch();
            long started = System.nanoTime();
            int nextProgress = interval;
            int nextCheck = DivergenceWatch.WINDOW;
            int first = 0;
            while (first < n && !stop) {
                if (fused != null) {
                    int until = Math.min(n, interval > 0 ? Math.min(nextProgress, nextCheck) : nextCheck);
                    int count = until - first;
                    fused.trainOnline(trainer.rule(), trainer.loss(), rate, fusedActivations, fusedWeights,
                            fusedBiases, x, y, order, first, count, metrics);
                    first += count;
                } else {
                    BatchBuffers buffers = n - first >= full.rows ? full : tail;
                    step(buffers, first, rate);
                    first += buffers.rows;
                }
                boolean progress = interval > 0 && first >= nextProgress && first < n;
                if (progress || first >= nextCheck && first < n) {
                    readMetrics(epoch);
                    watch.record(epoch, first, metricsHost[Backend.METRIC_LOSS]);
                    nextCheck = (first / DivergenceWatch.WINDOW + 1) * DivergenceWatch.WINDOW;
                }
                if (progress) {
                    ProgressReport report = new ProgressReport(epoch, first, n, metricsHost[0] / first,
                            metricsHost[1] / first, Duration.ofNanos(System.nanoTime() - started));
                    nextProgress = (first / interval + 1) * interval;
                    for (TrainingListener l : trainer.listeners()) {
                        stop |= l.onProgress(report) == TrainingListener.Decision.STOP;
                    }
                }
            }
            readMetrics(epoch);
            watch.record(epoch, first, metricsHost[Backend.METRIC_LOSS]);
            checkWeights(epoch);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            epochsRun = epoch;
            lastAccuracy = metricsHost[1] / n;
            ValidationScore score = null;
            Network current = null;
            if (trainer.validation() != null) {
                current = requireFinite(snapshot(null), epoch);
                score = ValidationScore.of(current, trainer.loss(), trainer.validation());
                lastValidation = score.accuracy();
                if (early != null) {
                    stop |= early.record(epoch, score, current);
                }
            }
            if (average != null && average.wants(epoch)) {
                current = current != null ? current : requireFinite(snapshot(null), epoch);
                average.add(current);
            }
            Network known = current;
            int finished = epoch;
            EpochReport report = ApiAccess.get().epochReport(epoch, trainer.epochs(), metricsHost[0] / n,
                    lastAccuracy, elapsed, rate, score == null ? Double.NaN : score.loss(),
                    score == null ? Double.NaN : score.accuracy(),
                    () -> known != null ? known : requireFinite(snapshot(null), finished));
            for (TrainingListener l : trainer.listeners()) {
                stop |= l.onEpochEnd(report) == TrainingListener.Decision.STOP;
            }
        }
        List<Layer> result = early != null ? early.best().layers()
                : average != null && average.count() > 0 ? average.mean()
                : requireFinite(snapshot(null), epochsRun).layers();
        double validationAccuracy = early != null ? early.bestScore().accuracy() : lastValidation;
        return ApiAccess.get().network(result, provenance(epochsRun, lastAccuracy, validationAccuracy, early));
    }

    private int progressInterval() {
        int interval = 0;
        for (TrainingListener l : trainer.listeners()) {
            int i = l.progressInterval();
            if (i > 0) {
                interval = interval == 0 ? i : Math.min(interval, i);
            }
        }
        return interval;
    }

    private TrainingProvenance provenance(int epochsRun, double trainingAccuracy, double validationAccuracy,
            EarlyStopping early) {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("schedule", String.valueOf(trainer.schedule()));
        hyper.put("weightDecay", Double.toString(trainer.weightDecay()));
        StringBuilder rates = new StringBuilder();
        for (int k = 0; k < dropout.length - 1; k++) {
            rates.append(k == 0 ? "" : ",").append(dropout[k]);
        }
        hyper.put("dropout", rates.toString());
        if (trainer.augmentation() != null) {
            hyper.put("augmentation", trainer.augmentation().toString());
        }
        if (average != null) {
            hyper.put("averageWeightsFrom", Integer.toString(trainer.averageWeightsFrom()));
            hyper.put("averagedEpochs", Integer.toString(average.count()));
        }
        if (early != null) {
            hyper.put("earlyStoppingPatience", Integer.toString(trainer.patience()));
            hyper.put("bestEpoch", Integer.toString(early.bestEpoch()));
        }
        return new TrainingProvenance(trainer.seed(), trainer.rule(), trainer.loss(), trainer.optimizer().toString(),
                trainer.learningRate(), trainer.batchSize(), epochsRun, backend.name(), fingerprint, data.size(),
                trainingAccuracy, validationAccuracy, hyper, ModelFile.libraryVersion());
    }

    private Network requireFinite(Network network, int epoch) {
        if (network == null) {
            throw ApiAccess.get().diverged(epoch, -1, "training diverged in epoch " + epoch
                    + ": the weights are no longer finite; " + advice());
        }
        return network;
    }

    private void checkWeights(int epoch) {
        if (weightScratch == null) {
            weightScratch = new double[layers.largestLayer()];
        }
        watch.checkWeights(epoch, layers, weightScratch);
    }

    private Network snapshot(TrainingProvenance provenance) {
        List<Layer> current = layers.download();
        return current == null ? null : ApiAccess.get().network(current, provenance);
    }

    private void shufflePermutation() {
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }

    private void readMetrics(int epoch) {
        backend.download(metrics, metricsHost);
        int bad = (int) metricsHost[Backend.METRIC_FIRST_NON_FINITE];
        if (bad >= 0) {
            throw ApiAccess.get().diverged(epoch, bad + 1, "training diverged in epoch " + epoch
                    + " at sample " + (bad + 1) + " of " + data.size() + " (data index " + permutation[bad]
                    + "): its loss is not finite; " + advice());
        }
    }

    private String advice() {
        return "lower the learning rate (it is " + trainer.learningRate() + " with rule " + trainer.rule() + ")";
    }

    /** One update: forward (with dropout), metrics, deltas from the old weights, then every layer's update. */
    private void step(BatchBuffers b, int first, double rate) {
        if (augmented != null) {
            augmented.upload(backend, permutation, first, b.x);
        } else {
            backend.gatherRows(x, order, first, b.x);
        }
        backend.gatherRows(y, order, first, b.y);
        LayerPasses passes = b.passes;
        passes.forward(batchesRun);
        batchesRun++;
        var out = passes.outputLayer();
        Activation f = out.activation();
        backend.accumulateMetrics(trainer.loss(), f, out.preActivations(), out.output(), b.y, first, metrics);
        backend.outputDelta(trainer.loss(), f, out.preActivations(), out.output(), b.y, out.delta());
        rule.hiddenDeltas(backend, b);
        update.apply(backend, layers, b, rate);
    }

    @Override
    public void close() {
        if (update != null) {
            update.close();
        }
        if (tail != null) {
            tail.close();
        }
        if (full != null) {
            full.close();
        }
        if (order != null) {
            order.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (y != null) {
            y.close();
        }
        if (x != null) {
            x.close();
        }
        if (layers != null) {
            layers.close();
        }
    }
}
