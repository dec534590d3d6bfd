// Shared definitions: the element type REAL (set with -DREAL=float or -DREAL=double), the activation and loss
// codes (kept equal to KernelCodes.java), and every element-wise activation with its derivative directly below.
// The formulas are exactly those of io.github.mnistnn.Activation.
#ifdef USE_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define ACT_SIGMOID 0
#define ACT_TANH 1
#define ACT_RELU 2
#define ACT_LEAKY_RELU 3
#define ACT_IDENTITY 4
#define ACT_SOFTMAX 5

#define LOSS_SOFTMAX_CROSS_ENTROPY 0
#define LOSS_MEAN_SQUARED_ERROR 1

#define RULE_CB 0
#define RULE_UHB 1

#define LEAKY_SLOPE ((REAL) 0.01)

// a = f(n) for the element-wise activations.
inline REAL act_value(const int act, const REAL n) {
    switch (act) {
    case ACT_SIGMOID:
        return (REAL) 1 / ((REAL) 1 + exp(-n));
    case ACT_TANH:
        return tanh(n);
    case ACT_RELU:
        return n > 0 ? n : (REAL) 0;
    case ACT_LEAKY_RELU:
        return n > 0 ? n : LEAKY_SLOPE * n;
    default:
        return n;
    }
}

// f'(n), written from a = f(n) where that is cheaper; ReLU's derivative at 0 is 0.
inline REAL act_derivative(const int act, const REAL n, const REAL a) {
    switch (act) {
    case ACT_SIGMOID:
        return a * ((REAL) 1 - a);
    case ACT_TANH:
        return (REAL) 1 - a * a;
    case ACT_RELU:
        return n > 0 ? (REAL) 1 : (REAL) 0;
    case ACT_LEAKY_RELU:
        return n > 0 ? (REAL) 1 : LEAKY_SLOPE;
    default:
        return (REAL) 1;
    }
}
