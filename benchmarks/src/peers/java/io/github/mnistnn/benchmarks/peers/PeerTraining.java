package io.github.mnistnn.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.Random;

/**
 * One model and its DJL trainer on the CPU, fresh for each measured pass: softmax cross-entropy (on the logits,
 * as PyTorch fuses the softmax into the loss), the given optimizer, weights drawn from the engine's seed. A pass
 * is what our {@code Trainer.train} does in one epoch: the images in an order shuffled from a fixed seed (the same
 * order every pass), batches of {@code batch} (the last one shorter), each gathered on the host and copied into a
 * tensor, forward, loss, backward, optimizer step.
 *
 * <pre>{@code
 * try (PeerTraining run = new PeerTraining(engine, block, Optimizer.adam().build(), new Shape(1, 28, 28), 128)) {
 *     float loss = run.pass(x, y, n, 42);
 * }
 * }</pre>
 */
final class PeerTraining implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;
    private final Shape image;
    private final int imageSize;
    private final int batch;

    /**
     * Builds and initialises the model.
     *
     * @param engine the engine, already open
     * @param block the network, not yet initialised
     * @param optimizer its optimizer
     * @param image one image's shape, without the batch axis
     * @param batch images per step
     */
    PeerTraining(Engine engine, Block block, Optimizer optimizer, Shape image, int batch) {
        this.image = image;
        this.imageSize = Math.toIntExact(image.size());
        this.batch = batch;
        model = Model.newInstance("peer", Device.cpu(), engine.getEngineName());
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(batchShape(batch));
    }

    /**
     * One pass over the first {@code n} images.
     *
     * @param x the images, {@code imageSize} floats each
     * @param y their classes
     * @param n how many images
     * @param seed the shuffle's seed
     * @return the last batch's loss (read back, so the pass has finished)
     */
    float pass(float[] x, long[] y, int n, long seed) {
        int[] order = permutation(n, seed);
        float[] fullX = new float[batch * imageSize];
        long[] fullY = new long[batch];
        float loss = Float.NaN;
        for (int first = 0; first < n; first += batch) {
            int rows = Math.min(batch, n - first);
            float[] bx = rows == batch ? fullX : new float[rows * imageSize];
            long[] by = rows == batch ? fullY : new long[rows];
            for (int r = 0; r < rows; r++) {
                int i = order[first + r];
                System.arraycopy(x, i * imageSize, bx, r * imageSize, imageSize);
                by[r] = y[i];
            }
            try (NDManager step = trainer.getManager().newSubManager()) {
                NDArray input = step.create(bx, batchShape(rows));
                NDArray labels = step.create(by, new Shape(rows));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList output = trainer.forward(new NDList(input));
                    NDArray value = trainer.getLoss().evaluate(new NDList(labels), output);
                    collector.backward(value);
                    if (first + rows >= n) {
                        loss = value.getFloat();
                    }
                }
                trainer.step();
            }
        }
        return loss;
    }

    private Shape batchShape(int rows) {
        return new Shape(rows).addAll(image);
    }

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
