package io.github.mnistnn.internal.layers;

import io.github.mnistnn.BatchNormLayer;
import io.github.mnistnn.Conv2dLayer;
import io.github.mnistnn.DenseLayer;
import io.github.mnistnn.DropoutLayer;
import io.github.mnistnn.FlattenLayer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.MaxPool2dLayer;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's passes for one batch size, chained: each reads the previous one's output and its backward pass
 * writes the previous one's gradient. For training every layer gets a pass (dropout included, and the dense
 * dropout rates a trainer adds after hidden dense layers); for inference dropout layers are left out. The output
 * layer is dense. Allocated once per run and batch size.
 *
 * <pre>{@code
 * try (LayerPasses passes = LayerPasses.forTraining(backend, parameters, x, rates, seed)) {
 *     passes.forward(batch);
 *     // output delta into passes.outputLayer().gradient(), then:
 *     passes.backward();
 * }
 * }</pre>
 */
public final class LayerPasses implements AutoCloseable {
    private final List<LayerPass> passes = new ArrayList<>();
    private final List<ParameterPass> parameterPasses = new ArrayList<>();

    private LayerPasses() {
    }

    /**
     * The passes of a training step.
     *
     * @param backend the device
     * @param parameters the network's parameters on it
     * @param x the batch's inputs, one sample per row
     * @param denseDropout the dropout rate after each dense layer (a trainer's {@code dropout(rates)}), 0 for none;
     *     as long as the network
     * @param seed the run's dropout seed
     * @return the passes
     */
    public static LayerPasses forTraining(Backend backend, DeviceParameters parameters, DeviceMatrix x,
            double[] denseDropout, long seed) {
        return build(backend, parameters, x, denseDropout, seed, true);
    }

    /**
     * The passes of a forward pass in prediction (no dropout).
     *
     * @param backend the device
     * @param parameters the network's parameters on it
     * @param x the batch's inputs, one sample per row
     * @return the passes
     */
    public static LayerPasses forInference(Backend backend, DeviceParameters parameters, DeviceMatrix x) {
        return build(backend, parameters, x, new double[parameters.depth()], 0, false);
    }

    private static LayerPasses build(Backend backend, DeviceParameters parameters, DeviceMatrix x,
            double[] denseDropout, long seed, boolean training) {
        LayerPasses chain = new LayerPasses();
        List<Layer> layers = parameters.layers();
        int rows = x.rows();
        try {
            DeviceMatrix input = x;
            DeviceMatrix inputGradient = null;
            for (int k = 0; k < layers.size(); k++) {
                Layer layer = layers.get(k);
                LayerPass pass;
                if (layer instanceof DenseLayer dense) {
                    pass = new DensePass(backend, k, parameters, dense.activation(), input, inputGradient, training);
                } else if (layer instanceof Conv2dLayer conv) {
                    pass = new ConvPass(backend, k, conv.geometry(), parameters, conv.activation(), input,
                            inputGradient, rows, training);
                } else if (layer instanceof MaxPool2dLayer pool) {
                    pass = new PoolPass(backend, pool.geometry(), input, inputGradient, rows, training);
                } else if (layer instanceof BatchNormLayer norm) {
                    pass = new BatchNormPass(backend, k, norm.settings(), parameters, input, inputGradient, training);
                } else if (layer instanceof FlattenLayer) {
                    pass = new FlattenPass(backend, input, inputGradient, rows);
                } else {
                    DropoutLayer dropout = (DropoutLayer) layer;
                    if (!training || dropout.rate() == 0) {
                        continue;
                    }
                    pass = new DropoutPass(backend, dropout.rate(), seed, k, layers.size(), input, inputGradient);
                }
                chain.add(pass);
                input = pass.output();
                inputGradient = training ? pass.gradient() : null;
                if (training && k < denseDropout.length && denseDropout[k] > 0) {
                    LayerPass dropout = new DropoutPass(backend, denseDropout[k], seed, k, layers.size(), input,
                            inputGradient);
                    chain.add(dropout);
                    input = dropout.output();
                }
            }
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        return chain;
    }

    private void add(LayerPass pass) {
        passes.add(pass);
        if (pass instanceof ParameterPass p) {
            parameterPasses.add(p);
        }
    }

    /**
     * Runs every forward pass in order.
     *
     * @param batch the batch number, for dropout masks
     * @return the output layer's activations
     */
    public DeviceMatrix forward(long batch) {
        for (int i = 0; i < passes.size(); i++) {
            passes.get(i).forward(batch);
        }
        return outputLayer().output();
    }

    /**
     * The chain rule through every pass, last to first; the output layer's {@link LayerPass#gradient()} must hold
     * the output delta {@code dL/dn}.
     */
    public void backward() {
        for (int i = passes.size() - 1; i >= 0; i--) {
            passes.get(i).backward(i == passes.size() - 1);
        }
    }

    /** The passes in order. */
    public List<LayerPass> passes() {
        return passes;
    }

    /** The passes of layers with parameters, in order. */
    public List<ParameterPass> parameterPasses() {
        return parameterPasses;
    }

    /** The output layer's pass. */
    public DensePass outputLayer() {
        return (DensePass) passes.get(passes.size() - 1);
    }

    @Override
    public void close() {
        for (int i = passes.size() - 1; i >= 0; i--) {
            passes.get(i).close();
        }
        passes.clear();
        parameterPasses.clear();
    }
}
