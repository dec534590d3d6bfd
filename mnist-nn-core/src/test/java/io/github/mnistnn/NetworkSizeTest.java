package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.Backends;
import io.github.mnistnn.spi.MatrixShapes;
import org.junit.jupiter.api.Test;

/** Sizes past what one array holds are refused with the size, before anything is allocated. */
class NetworkSizeTest {
    @Test
    void refusesALayerOf65536By65536Weights() {
        assertThatThrownBy(() -> NetworkSpec.builder(65536).layer(65536, Activation.SIGMOID).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1 needs 65536 x 65536 = 4294967296 weights, more than one array holds "
                        + "(2147483639); make it or the layer before it narrower");
    }

    @Test
    void refusesALayerOf46341By46341WeightsWhoseIntProductIsNegative() {
        assertThat(46341 * 46341).as("the int product wraps").isNegative();
        assertThatThrownBy(() -> NetworkSpec.builder(10).layer(46341, Activation.RELU).layer(46341, Activation.RELU)
                .layer(3, Activation.SOFTMAX).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("layer 2 needs 46341 x 46341 = 2147488281 weights");
    }

    @Test
    void buildsTheLargestSquareLayerThatFitsAndCountsItsParametersInLong() {
        NetworkSpec spec = NetworkSpec.builder(46340).layer(46340, Activation.RELU).layer(46340, Activation.RELU)
                .build();
        assertThat(spec.parameterCount()).isEqualTo(2 * (46340L * 46340 + 46340)).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void parameterCountAddsEveryLayersWeightsAndBiases() {
        // 784*64 + 64 + 64*32 + 32 + 32*16 + 16 + 16*5 + 5
        assertThat(NetworkSpec.reference(5).parameterCount()).isEqualTo(52_933);
        NetworkSpec small = NetworkSpec.builder(3).layer(4, Activation.TANH).layer(2, Activation.SOFTMAX).build();
        assertThat(small.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
        Network network = Network.initialize(small, 1);
        long counted = 0;
        for (Layer any : network.layers()) {
            DenseLayer layer = (DenseLayer) any;
            counted += (long) layer.weights().length * layer.outputWidth() + layer.biases().length;
        }
        assertThat(counted).isEqualTo(small.parameterCount());
    }

    @Test
    void aDenseLayerOrDataPastOneArrayIsRefusedBeforeItIsCopied() {
        double[] row = new double[65536];
        double[][] rows = new double[65536][];
        java.util.Arrays.fill(rows, row); // one shared row: 512 KiB, not 32 GiB
        assertThatThrownBy(() -> Layer.dense(rows, row, Activation.SIGMOID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer weights: 65536 x 65536 = 4294967296 values is more than one array holds "
                        + "(2147483639)");
        assertThatThrownBy(() -> LabeledData.of(rows, new int[65536], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("features: 65536 x 65536 = 4294967296 values");
    }

    @Test
    void theCpuBackendRefusesAMatrixPastOneArray() {
        try (Backend cpu = Backends.open("cpu")) {
            assertThatThrownBy(() -> cpu.allocate(46341, 46341)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("allocate: 46341 x 46341 = 2147488281 values is more than one array holds ("
                            + MatrixShapes.MAX_ELEMENTS + ")");
        }
    }

    @Test
    void aBatchOfAWideLayerPastOneArrayIsRefusedBeforeTraining() {
        LabeledData many = new LabeledData() {
            @Override
            public int size() {
                return 50_000;
            }

            @Override
            public int inputWidth() {
                return 2;
            }

            @Override
            public int classCount() {
                return 2;
            }

            @Override
            public int label(int index) {
                return index % 2;
            }

            @Override
            public void copyFeatures(int index, double[] dst, int offset) {
                dst[offset] = index % 2;
                dst[offset + 1] = 1;
            }
        };
        NetworkSpec wide = NetworkSpec.builder(2).layer(50_000, Activation.RELU).layer(2, Activation.SOFTMAX).build();
        Trainer trainer = Trainer.builder().batchSize(50_000).build();
        assertThatThrownBy(() -> trainer.train(wide, many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch of layer 1's outputs: 50000 x 50000 = 2500000000 values is more than one array "
                        + "holds (2147483639)");
    }
}
