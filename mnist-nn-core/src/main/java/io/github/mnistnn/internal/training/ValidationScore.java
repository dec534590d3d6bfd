package io.github.mnistnn.internal.training;

import io.github.mnistnn.Activation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import io.github.mnistnn.internal.ApiAccess;
import io.github.mnistnn.internal.inference.OutputRows;
import io.github.mnistnn.spi.ArgMax;

/**
 * A network's mean loss and accuracy on held-out data, computed on the host from the loss's own definition.
 *
 * @param loss the mean loss
 * @param accuracy the fraction classified correctly
 */
public record ValidationScore(double loss, double accuracy) {
    static ValidationScore of(Network network, Loss lossFunction, LabeledData data) {
        OutputRows out = ApiAccess.get().outputRows(network, data, data.size());
        int classes = out.classes();
        Activation f = DivergenceWatch.outputActivation(network);
        double[] y = new double[classes];
        double[] n = new double[classes];
        double[] a = new double[classes];
        double total = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(out.n(), i * classes, n, 0, classes);
            System.arraycopy(out.a(), i * classes, a, 0, classes);
            int label = data.label(i);
            y[label] = 1;
            total += lossFunction.value(f, n, a, y, 0, classes);
            y[label] = 0;
            correct += ArgMax.of(a, 0, classes) == label ? 1 : 0;
        }
        return new ValidationScore(total / data.size(), (double) correct / data.size());
    }
}
