package io.github.mnistnn;

import io.github.mnistnn.internal.model.LayerPlan;
import io.github.mnistnn.spi.BatchNormStep;
import io.github.mnistnn.spi.MatrixShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The layers of a {@link NetworkSpec.Builder} so far: each new layer's plan is made from the shape the layers
 * before it give, and refused, naming the layer and both shapes, when it does not fit; {@link #checked()} checks
 * the whole stack once more when the spec is built.
 */
final class SpecLayers {
    private final Shape input;
    private final List<LayerPlan> plans = new ArrayList<>();

    SpecLayers(Shape input) {
        this.input = input;
    }

    private Shape last() {
        return plans.isEmpty() ? input : plans.get(plans.size() - 1).output();
    }

    private String before() {
        return plans.isEmpty() ? "the input" : "layer " + plans.size() + " (" + plans.get(plans.size() - 1) + ")";
    }

    private void add(String kind, Supplier<LayerPlan> plan) {
        try {
            plans.add(plan.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " (" + kind + ") does not fit "
                    + before() + ", which gives " + last() + ": " + e.getMessage(), e);
        }
    }

    void dense(int units, Activation activation) {
        String kind = "dense(" + units + ", " + activation + ")";
        if (units < 1) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " must have at least 1 unit, got "
                    + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " has a null activation");
        }
        Shape in = last();
        if (in.isImage()) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " (" + kind
                    + ") needs a flat input, but " + before() + " gives the image " + in
                    + ": add flatten() before it");
        }
        if ((long) in.size() * units > MatrixShapes.MAX_ELEMENTS) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " needs " + in.size() + " x "
                    + units + " = " + (long) in.size() * units + " weights, more than one array holds ("
                    + MatrixShapes.MAX_ELEMENTS + "); make it or the layer before it narrower");
        }
        add(kind, () -> new LayerPlan.Dense(in, units, activation));
    }

    void conv2d(int filters, int kernel, int stride, Padding padding, Activation activation) {
        String kind = "conv2d(" + filters + ", " + kernel + "x" + kernel + ", " + padding + ", " + activation + ")";
        Shape in = last();
        if (!in.isImage()) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " (" + kind
                    + ") needs an image input, but " + before() + " gives the vector " + in
                    + (plans.isEmpty() ? ": start with NetworkSpec.builder(Shape.image(height, width, channels))"
                    : ""));
        }
        if (filters < 1 || padding == null || activation == null || activation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("layer " + (plans.size() + 1) + " (" + kind
                    + ") needs at least 1 filter, a padding and an element-wise activation");
        }
        add(kind, () -> new LayerPlan.Conv(in, filters, kernel, stride, padding, activation));
    }

    void maxPool2d(int size, int stride) {
        Shape in = last();
        add("maxPool2d(" + size + ", stride " + stride + ")",
                () -> new LayerPlan.Fixed(new MaxPool2dLayer(in, size, stride)));
    }

    void flatten() {
        Shape in = last();
        add("flatten", () -> new LayerPlan.Fixed(new FlattenLayer(in)));
    }

    void dropout(double rate) {
        Shape in = last();
        add("dropout(" + rate + ")", () -> new LayerPlan.Fixed(new DropoutLayer(in, rate)));
    }

    void batchNorm(double epsilon, double momentum) {
        Shape in = last();
        add("batchNorm(" + epsilon + ", " + momentum + ")",
                () -> new LayerPlan.Norm(in, new BatchNormStep(epsilon, momentum)));
    }

    /**
     * The plans, once they make a network.
     *
     * @return the plans, in order; the live list, which the spec copies
     * @throws IllegalArgumentException if there is no layer, the last layer is not dense, or a hidden layer
     *     uses softmax
     */
    List<LayerPlan> checked() {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        LayerPlan output = plans.get(plans.size() - 1);
        if (!(output instanceof LayerPlan.Dense)) {
            throw new IllegalArgumentException("the output layer must be dense, but layer " + plans.size()
                    + " is " + output + ", with nothing after it: end with dense(classes, Activation.SOFTMAX)");
        }
        for (int k = 0; k < plans.size() - 1; k++) {
            if (plans.get(k).activation() == Activation.SOFTMAX) {
                throw new IllegalArgumentException("hidden layer " + (k + 1)
                        + " uses SOFTMAX, which is only for the output layer");
            }
        }
        return plans;
    }
}
