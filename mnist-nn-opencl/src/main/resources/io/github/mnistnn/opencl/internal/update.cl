// The optimizer step, the dropout mask and the element-wise product of the Backend SPI, one work-item per
// element. The formulas are exactly those of io.github.mnistnn.spi.OptimizerStep and DropoutNoise.

#define OPT_SGD 0
#define OPT_MOMENTUM 1
#define OPT_NESTEROV 2
#define OPT_ADAM 3
#define OPT_ADAMW 4
#define OPT_RMSPROP 5

// With g = grad + l2 p: SGD p -= lr g; MOMENTUM m = b1 m + g, p -= lr m; NESTEROV m = b1 m + g,
// p -= lr (g + b1 m); ADAM(W) p -= lr wd p (AdamW), m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
// p -= lr (m/c1) / (sqrt(v/c2) + eps); RMSPROP m = b1 m + (1-b1) g^2, p -= lr g / (sqrt(m) + eps).
__kernel void apply_gradient(const int rule, const REAL lr, const REAL b1, const REAL b2, const REAL eps,
        const REAL l2, const REAL decoupled, const REAL c1, const REAL c2, __global REAL* p,
        const __global REAL* grad, __global REAL* m, __global REAL* v, const int count) {
    const int i = get_global_id(0);
    if (i >= count) {
        return;
    }
    const REAL g = grad[i] + l2 * p[i];
    switch (rule) {
    case OPT_MOMENTUM:
        m[i] = b1 * m[i] + g;
        p[i] -= lr * m[i];
        break;
    case OPT_NESTEROV:
        m[i] = b1 * m[i] + g;
        p[i] -= lr * (g + b1 * m[i]);
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        p[i] -= lr * decoupled * p[i];
        m[i] = b1 * m[i] + ((REAL) 1 - b1) * g;
        v[i] = b2 * v[i] + ((REAL) 1 - b2) * g * g;
        p[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + eps);
        break;
    case OPT_RMSPROP:
        m[i] = b1 * m[i] + ((REAL) 1 - b1) * g * g;
        p[i] -= lr * g / (sqrt(m[i]) + eps);
        break;
    default:
        p[i] -= lr * g;
        break;
    }
}

// mask[i] = 0 when the top 24 bits of SplitMix64(seed + counter * golden + i * c) are below threshold, else scale.
__kernel void dropout_mask(const ulong seed, const ulong counter, const int threshold, const REAL scale,
        __global REAL* mask, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        ulong z = seed + counter * 0x9E3779B97F4A7C15UL + (ulong) i * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z = z ^ (z >> 31);
        mask[i] = (int) (z >> 40) < threshold ? (REAL) 0 : scale;
    }
}

// out = x * y element-wise; out may be x or y.
__kernel void multiply(const __global REAL* x, const __global REAL* y, __global REAL* out, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        out[i] = x[i] * y[i];
    }
}
