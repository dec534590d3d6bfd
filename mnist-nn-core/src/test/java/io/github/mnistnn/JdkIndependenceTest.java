package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.contract.SeededClusters;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend gives the same bits on every JDK: training runs through every transcendental the library uses
 * ({@code exp} in sigmoid and softmax, {@code tanh}, {@code log} in the loss, {@code pow} in Adam and the step
 * schedule, {@code cos} in the cosine schedule) end in weights whose SHA-256 is recorded here. The digests were
 * taken on JDK 17 and checked on JDK 25; CI runs the suite on both. A digest that changes means the arithmetic
 * changed: re-measure the recorded results, then record the new digest.
 */
class JdkIndependenceTest {
    private static final LabeledData DATA = SeededClusters.of(120, 6, 3, 0.3, 31);
    private static final NetworkSpec SPEC = NetworkSpec.builder(6).layer(7, Activation.SIGMOID)
            .layer(5, Activation.TANH).layer(3, Activation.SOFTMAX).initializer(Initializer.XAVIER).build();

    @Test
    void onlineTrainingGivesTheRecordedBits() {
        Network network = Trainer.builder().rule(BackpropRule.CB).learningRate(0.1).epochs(4).seed(5).build()
                .train(SPEC, DATA);
        assertThat(digest(network)).isEqualTo("589214245e0f1201");
    }

    @Test
    void miniBatchAdamWithSchedulesGivesTheRecordedBits() {
        Network cosine = Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(8).epochs(4)
                .schedule(LearningRateSchedule.cosine(4, 0.1)).seed(6).build().train(SPEC, DATA);
        Network step = Trainer.builder().optimizer(Optimizer.adam()).learningRate(0.01).batchSize(8).epochs(4)
                .schedule(LearningRateSchedule.step(2, 0.5)).seed(7).build().train(SPEC, DATA);
        assertThat(digest(cosine) + " " + digest(step)).isEqualTo("f1c18cf524e1aa1e f24ec2851c86a942");
    }

    @Test
    void outputsOfASeededNetworkAreTheRecordedBits() {
        Network network = Network.initialize(SPEC, 8);
        ByteBuffer bits = ByteBuffer.allocate(DATA.size() * 3 * Double.BYTES);
        for (int i = 0; i < DATA.size(); i++) {
            for (double v : network.outputs(DATA.features(i))) {
                bits.putDouble(v);
            }
        }
        assertThat(sha256(bits.array())).isEqualTo("027f029c7311feab");
    }

    private static String digest(Network network) {
        ByteBuffer bits = ByteBuffer.allocate(8 * (6 * 7 + 7 + 7 * 5 + 5 + 5 * 3 + 3));
        for (Layer layer : network.layers()) {
            DenseLayer dense = (DenseLayer) layer;
            for (double[] row : dense.weights()) {
                for (double w : row) {
                    bits.putDouble(w);
                }
            }
            for (double b : dense.biases()) {
                bits.putDouble(b);
            }
        }
        return sha256(bits.array());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
