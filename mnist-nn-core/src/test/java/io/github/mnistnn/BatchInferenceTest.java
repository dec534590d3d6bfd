package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batched inference gives the classes that {@link Network#predict} gives one by one. */
class BatchInferenceTest {
    private final int threadsBefore = CpuThreads.count();

    @AfterEach
    void restoreThreads() {
        CpuThreads.setCount(threadsBefore);
    }

    private static LabeledData sparseImages() {
        return io.github.mnistnn.contract.SparseSamples.of(3);
    }

    private static Network network() {
        return Network.initialize(NetworkSpec.builder(200).layer(96, Activation.RELU).layer(48, Activation.SIGMOID)
                .layer(10, Activation.SOFTMAX).build(), 5);
    }

    /** The host reference: each layer's own {@link DenseLayer#forward}, one sample at a time. */
    private static double[] throughTheLayers(Network network, double[] input) {
        double[] a = input;
        for (Layer any : network.layers()) {
            DenseLayer layer = (DenseLayer) any;
            double[] n = new double[layer.outputWidth()];
            double[] next = new double[layer.outputWidth()];
            layer.forward(a, n, next);
            a = next;
        }
        return a;
    }

    private static int[] oneByOne(Network network, LabeledData data) {
        int[] classes = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            double[] out = throughTheLayers(network, data.features(i));
            classes[i] = io.github.mnistnn.spi.ArgMax.of(out, 0, out.length);
        }
        return classes;
    }

    @Test
    void outputsAreBitForBitTheLayersOwnPasses() {
        LabeledData data = sparseImages();
        for (Network network : new Network[] {network(), Network.initialize(NetworkSpec.builder(200)
                .layer(130, Activation.RELU).layer(70, Activation.RELU).layer(10, Activation.SOFTMAX).build(), 6)}) {
            for (int i = 0; i < 300; i++) {
                double[] x = data.features(i);
                assertThat(network.outputs(x)).containsExactly(throughTheLayers(network, x));
                assertThat(network.predict(x)).isEqualTo(oneByOne(network, LabeledData.of(new double[][] {x},
                        new int[] {0}, 10))[0]);
            }
        }
    }

    @Test
    void predictsWhatPredictGivesOneByOneOnOneThreadAndOnAll() {
        LabeledData data = sparseImages();
        Network network = network();
        int[] expected = oneByOne(network, data);
        assertThat(expected).as("a network that predicts one class only would prove little")
                .satisfies(c -> assertThat(java.util.Arrays.stream(c).distinct().count()).isGreaterThan(2));
        CpuThreads.setCount(1);
        assertThat(network.predictAll(data)).containsExactly(expected);
        CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
        assertThat(network.predictAll(data)).containsExactly(expected);
    }

    @Test
    void aStackOfReluLayersPredictsWhatPredictGives() {
        // Hidden ReLUs are applied by the next product as it packs its inputs; the last layer's ReLU is not.
        LabeledData data = sparseImages();
        for (Activation last : new Activation[] {Activation.SOFTMAX, Activation.RELU, Activation.IDENTITY}) {
            Network network = Network.initialize(NetworkSpec.builder(200).layer(130, Activation.RELU)
                    .layer(70, Activation.RELU).layer(10, last).build(), 6);
            int[] expected = oneByOne(network, data);
            assertThat(java.util.Arrays.stream(expected).distinct().count()).as(last.name()).isGreaterThan(2);
            CpuThreads.setCount(1);
            assertThat(network.predictAll(data)).as(last.name()).containsExactly(expected);
            CpuThreads.setCount(Runtime.getRuntime().availableProcessors());
            assertThat(network.predictAll(data)).as(last.name()).containsExactly(expected);
        }
    }

    @Test
    void evaluateCountsTheBatchedPredictions() {
        LabeledData data = sparseImages();
        Network network = network();
        int[] expected = oneByOne(network, data);
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            correct += expected[i] == data.label(i) ? 1 : 0;
        }
        assertThat(network.evaluate(data).accuracy()).isEqualTo((double) correct / data.size());
    }

    @Test
    void manyThreadsCanShareOneNetwork() throws Exception {
        LabeledData data = sparseImages();
        Network network = network();
        int[] expected = oneByOne(network, data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> network.predictAll(data)));
            }
            for (Future<int[]> r : results) {
                assertThat(r.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
