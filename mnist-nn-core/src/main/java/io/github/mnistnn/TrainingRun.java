package io.github.mnistnn;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceIndices;
import io.github.mnistnn.spi.DeviceMatrix;
import io.github.mnistnn.spi.FusedOnlineTraining;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One {@link Trainer#train} call: uploads the data and weights once, runs the epochs through the backend's
 * primitive operations, and reads back only the metrics (per epoch, or per progress interval when a listener
 * asks). Allocates nothing per sample or per batch.
 */
final class TrainingRun implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainingRun.class.getName());
    private static final int UPLOAD_CHUNK_ROWS = 4096;

    private final Trainer trainer;
    private final Backend backend;
    private final LabeledData data;
    private final SplittableRandom shuffle;
    private final DeltaRule rule;
    private final FusedOnlineTraining fused;
    private final int[] permutation;
    private final double[] metricsHost = new double[Backend.METRIC_COUNT];
    private final double[] metricsReset = {0, 0, -1};
    private DeviceLayers layers;
    private DeviceMatrix x;
    private DeviceMatrix y;
    private DeviceMatrix metrics;
    private DeviceIndices order;
    private BatchBuffers full;
    private BatchBuffers tail;
    private long fingerprint;

    TrainingRun(Trainer trainer, Backend backend, Network start, LabeledData data, SplittableRandom shuffle) {
        this.trainer = trainer;
        this.backend = backend;
        this.data = data;
        this.shuffle = shuffle;
        this.rule = DeltaRule.of(trainer.rule());
        this.permutation = new int[data.size()];
        this.fused = trainer.batchSize() == 1 && trainer.fusedKernels() && backend instanceof FusedOnlineTraining
                ? (FusedOnlineTraining) backend : null;
        try {
            layers = new DeviceLayers(backend, start);
            uploadData(start.outputWidth());
            metrics = backend.allocate(1, Backend.METRIC_COUNT);
            order = backend.allocateIndices(data.size());
            int batch = Math.min(trainer.batchSize(), data.size());
            boolean errors = trainer.rule() == BackpropRule.UHB;
            full = new BatchBuffers(backend, batch, layers, errors);
            int rest = data.size() % batch;
            tail = rest == 0 ? null : new BatchBuffers(backend, rest, layers, errors);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void uploadData(int classes) {
        int n = data.size();
        int width = data.inputWidth();
        x = backend.allocate(n, width);
        y = backend.allocate(n, classes);
        long hash = 0xcbf29ce484222325L;
        for (int first = 0; first < n; first += UPLOAD_CHUNK_ROWS) {
            int rows = Math.min(UPLOAD_CHUNK_ROWS, n - first);
            double[] features = new double[rows * width];
            double[] targets = new double[rows * classes];
            for (int r = 0; r < rows; r++) {
                data.copyFeatures(first + r, features, r * width);
                int label = data.label(first + r);
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("sample " + (first + r) + " has label " + label
                            + ", outside the network's " + classes + " outputs");
                }
                targets[r * classes + label] = 1;
                hash = (hash ^ label) * 0x100000001b3L;
            }
            for (double v : features) {
                hash = (hash ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
            }
            backend.upload(features, first, x);
            backend.upload(targets, first, y);
        }
        fingerprint = hash;
    }

    Network train() {
        int n = data.size();
        int interval = 0;
        for (TrainingListener l : trainer.listeners()) {
            int i = l.progressInterval();
            if (i > 0) {
                interval = interval == 0 ? i : Math.min(interval, i);
            }
        }
        LOG.log(Level.DEBUG, () -> "training on " + backend.name() + ": " + n + " samples, rule " + trainer.rule()
                + ", lr " + trainer.learningRate() + ", batch " + trainer.batchSize());
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        int epochsRun = 0;
        double lastAccuracy = 0;
        boolean stop = false;
        for (int epoch = 1; epoch <= trainer.epochs() && !stop; epoch++) {
            shufflePermutation();
            backend.upload(permutation, order);
            backend.upload(metricsReset, 0, metrics);
            long started = System.nanoTime();
            int nextProgress = interval;
            for (int first = 0; first < n && !stop; ) {
                if (fused != null) {
                    int count = (interval > 0 ? Math.min(nextProgress, n) : n) - first;
                    fused.trainOnline(trainer.rule(), trainer.loss(), trainer.learningRate(), layers.activations(),
                            layers.allWeights(), layers.allBiases(), x, y, order, first, count, metrics);
                    first += count;
                } else {
                    BatchBuffers buffers = n - first >= full.rows ? full : tail;
                    step(buffers, first);
                    first += buffers.rows;
                }
                if (interval > 0 && first >= nextProgress && first < n) {
                    readMetrics(epoch);
                    ProgressReport report = new ProgressReport(epoch, first, n, metricsHost[0] / first,
                            metricsHost[1] / first, Duration.ofNanos(System.nanoTime() - started));
                    nextProgress = (first / interval + 1) * interval;
                    for (TrainingListener l : trainer.listeners()) {
                        stop |= l.onProgress(report) == TrainingListener.Decision.STOP;
                    }
                }
            }
            readMetrics(epoch);
            epochsRun = epoch;
            int seen = n;
            lastAccuracy = metricsHost[1] / seen;
            EpochReport report = new EpochReport(epoch, trainer.epochs(), metricsHost[0] / seen, lastAccuracy,
                    Duration.ofNanos(System.nanoTime() - started), () -> snapshot(null));
            for (TrainingListener l : trainer.listeners()) {
                stop |= l.onEpochEnd(report) == TrainingListener.Decision.STOP;
            }
        }
        TrainingProvenance provenance = new TrainingProvenance(trainer.seed(), trainer.rule(), trainer.loss(),
                trainer.learningRate(), trainer.batchSize(), epochsRun, backend.name(), fingerprint, n, lastAccuracy);
        Network trained = snapshot(provenance);
        if (trained == null) {
            throw new TrainingDivergedException(epochsRun, -1, "training diverged in epoch " + epochsRun
                    + ": the weights are no longer finite; " + advice());
        }
        return trained;
    }

    private Network snapshot(TrainingProvenance provenance) {
        List<Layer> current = layers.download();
        return current == null ? null : Network.of(current, provenance);
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
            throw new TrainingDivergedException(epoch, bad + 1, "training diverged in epoch " + epoch
                    + " at sample " + (bad + 1) + " of " + data.size() + " (data index " + permutation[bad]
                    + "): its loss is not finite; " + advice());
        }
    }

    private String advice() {
        return "lower the learning rate (it is " + trainer.learningRate() + " with rule " + trainer.rule() + ")";
    }

    /** One update: forward, metrics, deltas from the old weights, then every layer's update. */
    private void step(BatchBuffers b, int first) {
        backend.gatherRows(x, order, first, b.x);
        backend.gatherRows(y, order, first, b.y);
        int out = layers.depth() - 1;
        for (int k = 0; k <= out; k++) {
            backend.gemm(false, false, 1, b.input(k), layers.weights(k), 0, b.n[k]);
            backend.addRowVector(layers.biases(k), b.n[k]);
            backend.activate(layers.activation(k), b.n[k], b.a[k]);
        }
        Activation f = layers.activation(out);
        backend.accumulateMetrics(trainer.loss(), f, b.n[out], b.a[out], b.y, first, metrics);
        backend.outputDelta(trainer.loss(), f, b.n[out], b.a[out], b.y, b.s[out]);
        rule.hiddenDeltas(backend, layers, b);
        double scale = -trainer.learningRate() / b.rows;
        for (int k = 0; k <= out; k++) {
            backend.gemm(true, false, scale, b.input(k), b.s[k], 1, layers.weights(k));
            backend.sumRows(scale, b.s[k], 1, layers.biases(k));
        }
    }

    @Override
    public void close() {
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
