package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.Activation;
import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;

/**
 * The integer codes the kernels use for activations, losses and backprop rules; they must equal the
 * {@code #define}s in {@code common.cl}. Written out case by case so that reordering an enum cannot change them.
 */
final class KernelCodes {
    private KernelCodes() {
    }

    static int of(Activation f) {
        switch (f) {
            case SIGMOID:
                return 0;
            case TANH:
                return 1;
            case RELU:
                return 2;
            case LEAKY_RELU:
                return 3;
            case IDENTITY:
                return 4;
            case SOFTMAX:
                return 5;
            default:
                throw new IllegalArgumentException("no OpenCL kernel for activation " + f);
        }
    }

    static int of(Loss loss) {
        switch (loss) {
            case SOFTMAX_CROSS_ENTROPY:
                return 0;
            case MEAN_SQUARED_ERROR:
                return 1;
            default:
                throw new IllegalArgumentException("no OpenCL kernel for loss " + loss);
        }
    }

    static int of(BackpropRule rule) {
        switch (rule) {
            case CB:
                return 0;
            case UHB:
                return 1;
            default:
                throw new IllegalArgumentException("no OpenCL kernel for backprop rule " + rule);
        }
    }
}
