package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.contract.SeededClusters;
import org.junit.jupiter.api.Test;

/** A NaN or infinite feature is refused, naming where it is, instead of being answered with class 0. */
class NonFiniteInputTest {
    private static final Network NETWORK = Network.initialize(NetworkSpec.builder(20).layer(8, Activation.RELU)
            .layer(3, Activation.SOFTMAX).build(), 4);

    private static double[] sample(int column, double value) {
        double[] x = new double[20];
        x[column] = value;
        return x;
    }

    private static LabeledData data(int row, int column, double value) {
        LabeledData clean = SeededClusters.of(1500, 20, 3, 0.5, 2);
        double[][] x = new double[clean.size()][];
        int[] y = new int[clean.size()];
        for (int i = 0; i < clean.size(); i++) {
            x[i] = clean.features(i);
            y[i] = clean.label(i);
        }
        x[row][column] = value;
        return LabeledData.of(x, y, 3);
    }

    @Test
    void predictAndOutputsRefuseANonFiniteFeatureNamingItsColumn() {
        assertThatThrownBy(() -> NETWORK.predict(sample(17, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input column 17 is NaN");
        assertThatThrownBy(() -> NETWORK.outputs(sample(0, Double.NEGATIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input column 0 is -Infinity");
        Float32Classifier fast = Float32Classifier.of(NETWORK);
        assertThatThrownBy(() -> fast.predict(sample(19, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input column 19 is +Infinity");
        assertThatThrownBy(() -> fast.outputs(sample(3, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input column 3 is NaN");
    }

    @Test
    void predictAllAndEvaluateRefuseANonFiniteFeatureNamingItsRowAndColumn() {
        // Row 1042 is in the second block of 1,000 rows.
        LabeledData bad = data(1042, 17, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> NETWORK.predictAll(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input row 1042, column 17 is +Infinity");
        assertThatThrownBy(() -> NETWORK.evaluate(data(3, 5, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input row 3, column 5 is NaN");
        Float32Classifier fast = Float32Classifier.of(NETWORK);
        assertThatThrownBy(() -> fast.predictAll(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input row 1042, column 17 is +Infinity");
        assertThatThrownBy(() -> fast.evaluate(data(1499, 0, Double.NEGATIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input row 1499, column 0 is -Infinity");
    }
}
