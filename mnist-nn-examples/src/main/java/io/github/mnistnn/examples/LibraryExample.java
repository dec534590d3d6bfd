package io.github.mnistnn.examples;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Evaluation;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;

/**
 * The README's example: the reference network used as a library, on the shipped 1,000/200-image subset. The
 * README quotes the lines between the markers, and a test checks that it still does and that they run.
 *
 * <pre>{@code
 * LibraryExample.main(new String[0]);   // prints "test accuracy 9x.xx %"
 * }</pre>
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    /**
     * Trains and evaluates the reference network.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // README:begin
        TrainAndTest data = ShippedMnist.subset().digitTask(0, 1, 2, 3);  // digits 0-3, class 4 = "none"
        NetworkSpec spec = NetworkSpec.builder(784)
                .layer(64, Activation.SIGMOID)
                .layer(32, Activation.SIGMOID)
                .layer(16, Activation.SIGMOID)
                .layer(5, Activation.SOFTMAX)
                .build();
        Trainer trainer = Trainer.builder()
                .rule(BackpropRule.CB).learningRate(0.01).epochs(30).seed(42)
                .build();
        Network network = trainer.train(spec, data.training());
        Evaluation result = network.evaluate(data.test());
        System.out.printf("test accuracy %.2f %%%n", 100 * result.accuracy());
        // README:end
    }
}
