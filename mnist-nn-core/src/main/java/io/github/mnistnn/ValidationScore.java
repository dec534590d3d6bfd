package io.github.mnistnn;

import io.github.mnistnn.spi.ArgMax;

/**
 * A network's mean loss and accuracy on held-out data, computed on the host from the loss's own definition.
 *
 * @param loss the mean loss
 * @param accuracy the fraction classified correctly
 */
record ValidationScore(double loss, double accuracy) {
    static ValidationScore of(Network network, Loss lossFunction, LabeledData data) {
        int classes = network.outputWidth();
        double[] x = new double[data.inputWidth()];
        double[] y = new double[classes];
        double total = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, 0);
            double[] in = x;
            double[] n = null;
            for (Layer layer : network.layers()) {
                n = new double[layer.outputWidth()];
                double[] a = new double[layer.outputWidth()];
                layer.forward(in, n, a);
                in = a;
            }
            int label = data.label(i);
            y[label] = 1;
            total += lossFunction.value(network.layers().get(network.layers().size() - 1).activation(), n, in, y, 0,
                    classes);
            y[label] = 0;
            correct += ArgMax.of(in, 0, classes) == label ? 1 : 0;
        }
        return new ValidationScore(total / data.size(), (double) correct / data.size());
    }
}
