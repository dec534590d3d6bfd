package io.github.mnistnn.examples;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Padding;
import io.github.mnistnn.Shape;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;

/**
 * The README's convolutional example: two convolution blocks with max-pooling and dropout, flatten and a softmax
 * output, trained with Adam on the shipped 10-digit subset. The README quotes the lines between the markers; a
 * test checks that it still does and that they run.
 *
 * <pre>{@code
 * CnnExample.main(new String[0]);
 * }</pre>
 */
public final class CnnExample {
    private CnnExample() {
    }

    /**
     * Trains and reports.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // README:begin
        TrainAndTest data = ShippedMnist.subset();                     // 1,000 + 200 images, 10 digits
        NetworkSpec cnn = NetworkSpec.builder(Shape.image(28, 28, 1))  // pixels row by row, one channel
                .conv2d(16, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)   // 14x14x16
                .conv2d(32, 3, Padding.SAME, Activation.RELU).maxPool2d(2).dropout(0.25)   // 7x7x32
                .flatten()                                             // 1568 values
                .dense(10, Activation.SOFTMAX)
                .build();                                              // every shape checked here
        Network network = Trainer.builder()
                .optimizer(Optimizer.adam()).learningRate(2e-3).batchSize(32).epochs(12).seed(1)
                .build()                                               // CB: the chain rule through every layer
                .train(cnn, data.training());
        System.out.printf("CNN test accuracy %.2f %%%n", 100 * network.evaluate(data.test()).accuracy());
        // README:end
    }
}
