package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import org.junit.jupiter.api.Test;

class NetworkFootprintTest {
    private static final long GIB = 1L << 30;

    @Test
    void countsWeightsAndBiasesOfEveryLayer() {
        // 784*64+64 + 64*32+32 + 32*16+16 + 16*5+5
        assertThat(NetworkFootprint.of(NetworkSpec.reference(5)).parameters()).isEqualTo(52_933);
        assertThat(NetworkFootprint.of(784, 64, 32, 16, 5).shape()).isEqualTo("784-64-32-16-5");
    }

    @Test
    void countsInLongWhereIntWouldOverflow() {
        NetworkFootprint huge = NetworkFootprint.of(784, 65536, 65536, 16);
        long expected = 784L * 65536 + 65536 + 65536L * 65536 + 65536 + 65536L * 16 + 16;
        assertThat(huge.parameters()).isEqualTo(expected).isGreaterThan(Integer.MAX_VALUE);
        assertThat(huge.bytes(3)).isEqualTo(expected * 8 * 3);
        assertThat(NetworkFootprint.of(1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE).bytes(5))
                .as("saturates").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void namesTheFirstLayerTooLargeForOneArray() {
        assertThat(NetworkFootprint.of(784, 65536, 65536, 16).layerTooLargeForOneArray())
                .isEqualTo("layer 2 (65536 x 65536 = 4,294,967,296 weights)");
        assertThat(NetworkFootprint.of(784, 46340, 46340, 16).layerTooLargeForOneArray()).isNull();
        assertThat(NetworkFootprint.of(784, 100_000, 21_475, 16).layerTooLargeForOneArray())
                .startsWith("layer 2 (100000 x 21475");
    }

    @Test
    void copiesDependOnTheOptimizersState() {
        assertThat(NetworkFootprint.trainingCopies(Optimizer.sgd())).isEqualTo(3);
        assertThat(NetworkFootprint.trainingCopies(Optimizer.adamW(1e-4))).isEqualTo(5);
        assertThat(NetworkFootprint.trainingCopies(Optimizer.momentum(0.9))).isEqualTo(5);
    }

    @Test
    void saysHowMuchMemoryAndWhichHeapToTry() {
        NetworkFootprint f = NetworkFootprint.of(784, 4096, 4096, 10);
        assertThat(f.describe(3)).isEqualTo("network 784-4096-4096-10 has 20,037,642 parameters; training keeps 3 "
                + "copies of them as doubles (weights, gradients, optimizer state): about 458.6 MB");
        // 784-40000-40000-16 is 12.2 GB a copy; three copies 36.5 GB, rounded up, plus 1 GB for the rest.
        assertThat(NetworkFootprint.of(784, 40_000, 40_000, 16).heapToTry(3, 4 * GIB)).isEqualTo("-Xmx38g");
        assertThat(f.heapToTry(3, 256L << 20)).as("1 GiB above the estimate").isEqualTo("-Xmx2g");
        assertThat(f.heapToTry(3, 3 * GIB)).as("at least twice the heap that was too small").isEqualTo("-Xmx6g");
        assertThat(NetworkFootprint.size(3 * GIB / 2)).isEqualTo("1.5 GB");
    }

    @Test
    void theCommandLineRefusesANetworkTheHeapCannotHoldTwice() throws UsageException {
        NetworkFootprint f = NetworkFootprint.of(784, 20_000, 20_000, 16);
        assertThatThrownBy(() -> ReferenceExperiment.requireHeapFits(f, GIB)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--hidden: network 784-20000-20000-16 has 416,040,016 parameters")
                .hasMessageContaining("more than the Java heap's 1.0 GB")
                .hasMessageContaining("try java -Xmx11g -jar");
        ReferenceExperiment.requireHeapFits(f, 8 * GIB);
    }

    @Test
    void theOutOfMemoryMessageNamesTheNetworkItsNeedsTheHeapAndTheHeapToTry() {
        assertThat(CommandFailure.outOfMemory(NetworkFootprint.of(784, 3000, 3000, 16, 5), 3, 256L << 20))
                .isEqualTo("error: out of memory: network 784-3000-3000-16-5 has 11,406,101 parameters; training "
                        + "keeps 3 copies of them as doubles (weights, gradients, optimizer state): about 261.1 MB, "
                        + "plus the data and working memory, and the Java heap (at most 256.0 MB) is too small; try "
                        + "java -Xmx2g -jar ..., or a smaller network");
        assertThat(CommandFailure.outOfMemory(null, 3, GIB)).isEqualTo("error: out of memory: the Java heap (at most "
                + "1.0 GB) is too small; run java with a larger -Xmx");
    }
}
