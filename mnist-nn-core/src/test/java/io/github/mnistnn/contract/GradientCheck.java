package io.github.mnistnn.contract;

import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Loss;
import io.github.mnistnn.Network;
import java.util.ArrayList;
import java.util.List;

/** Central finite differences of the mean loss over a data set, computed on the host in double precision. */
final class GradientCheck {
    private static final double H = 1e-5;

    private GradientCheck() {
    }

    static double meanLoss(Network network, Loss loss, LabeledData data) {
        double sum = 0;
        int classes = network.outputWidth();
        for (int i = 0; i < data.size(); i++) {
            double[] input = data.features(i);
            double[] a = input;
            double[] n = null;
            for (Layer any : network.layers()) {
            DenseLayer layer = (DenseLayer) any;
                n = new double[layer.outputWidth()];
                double[] next = new double[layer.outputWidth()];
                layer.forward(a, n, next);
                a = next;
            }
            double[] y = new double[classes];
            y[data.label(i)] = 1;
            DenseLayer out = (DenseLayer) network.layers().get(network.layers().size() - 1);
            sum += loss.value(out.activation(), n, a, y, 0, classes);
        }
        return sum / data.size();
    }

    /** The numerical gradient of every layer, flattened as weights then biases. */
    static List<double[]> numerical(Network network, Loss loss, LabeledData data) {
        List<double[]> gradients = new ArrayList<>();
        for (int k = 0; k < network.layers().size(); k++) {
            DenseLayer layer = (DenseLayer) network.layers().get(k);
            double[][] w = layer.weights();
            double[] b = layer.biases();
            double[] g = new double[layer.inputWidth() * layer.outputWidth() + layer.outputWidth()];
            int p = 0;
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++, p++) {
                    double keep = w[i][j];
                    w[i][j] = keep + H;
                    double up = meanLoss(replace(network, k, Layer.dense(w, b, layer.activation())), loss, data);
                    w[i][j] = keep - H;
                    double down = meanLoss(replace(network, k, Layer.dense(w, b, layer.activation())), loss, data);
                    w[i][j] = keep;
                    g[p] = (up - down) / (2 * H);
                }
            }
            for (int j = 0; j < b.length; j++, p++) {
                double keep = b[j];
                b[j] = keep + H;
                double up = meanLoss(replace(network, k, Layer.dense(w, b, layer.activation())), loss, data);
                b[j] = keep - H;
                double down = meanLoss(replace(network, k, Layer.dense(w, b, layer.activation())), loss, data);
                b[j] = keep;
                g[p] = (up - down) / (2 * H);
            }
            gradients.add(g);
        }
        return gradients;
    }

    /** {@code (before - after) / learningRate} per layer: the gradient that an SGD step applied. */
    static List<double[]> applied(Network before, Network after, double learningRate) {
        List<double[]> gradients = new ArrayList<>();
        for (int k = 0; k < before.layers().size(); k++) {
            DenseLayer b = (DenseLayer) before.layers().get(k);
            DenseLayer a = (DenseLayer) after.layers().get(k);
            double[] g = new double[b.inputWidth() * b.outputWidth() + b.outputWidth()];
            int p = 0;
            for (int i = 0; i < b.inputWidth(); i++) {
                for (int j = 0; j < b.outputWidth(); j++, p++) {
                    g[p] = (b.weight(i, j) - a.weight(i, j)) / learningRate;
                }
            }
            for (int j = 0; j < b.outputWidth(); j++, p++) {
                g[p] = (b.bias(j) - a.bias(j)) / learningRate;
            }
            gradients.add(g);
        }
        return gradients;
    }

    static double norm(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** {@code ||x - y|| / (||x|| + ||y||)}, 0 when both are zero. */
    static double relativeError(double[] x, double[] y) {
        double diff = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            diff += (x[i] - y[i]) * (x[i] - y[i]);
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        double scale = Math.sqrt(nx) + Math.sqrt(ny);
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }

    private static Network replace(Network network, int k, Layer layer) {
        List<Layer> layers = new ArrayList<>(network.layers());
        layers.set(k, layer);
        return Network.of(layers);
    }
}
