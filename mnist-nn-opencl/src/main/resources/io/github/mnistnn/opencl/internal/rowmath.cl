// Row-wise math (softmax and its vector-Jacobian product, the losses, the output delta, argmax), written once and
// instantiated per address space by KernelProgram: SPACE becomes __global or __local and SFX becomes g or l.
// Targets y always live in global memory. The formulas are exactly those of Activation.java and Loss.java.

// a = softmax(n), shifted by the row's maximum; a may be n.
void softmax_forward_SFX(const SPACE REAL* n, SPACE REAL* a, const int cols) {
    REAL max = -INFINITY;
    for (int i = 0; i < cols; i++) {
        max = fmax(max, n[i]);
    }
    REAL sum = 0;
    for (int i = 0; i < cols; i++) {
        REAL e = exp(n[i] - max);
        a[i] = e;
        sum += e;
    }
    REAL inverse = (REAL) 1 / sum;
    for (int i = 0; i < cols; i++) {
        a[i] *= inverse;
    }
}

// out = scale * J^T grad with J = diag(a) - a a^T, that is scale * a * (grad - a.grad); out may be grad.
void softmax_backward_SFX(const SPACE REAL* a, const REAL scale, const SPACE REAL* grad, SPACE REAL* out,
        const int cols) {
    REAL dot = 0;
    for (int i = 0; i < cols; i++) {
        dot += a[i] * grad[i];
    }
    for (int i = 0; i < cols; i++) {
        out[i] = scale * a[i] * (grad[i] - dot);
    }
}

// The loss of one row: cross-entropy from the logits, or half the squared error.
REAL loss_value_SFX(const int loss, const SPACE REAL* n, const SPACE REAL* a, const __global REAL* y,
        const int cols) {
    if (loss == LOSS_SOFTMAX_CROSS_ENTROPY) {
        REAL max = -INFINITY;
        for (int i = 0; i < cols; i++) {
            max = fmax(max, n[i]);
        }
        REAL sum = 0;
        for (int i = 0; i < cols; i++) {
            sum += exp(n[i] - max);
        }
        REAL log_sum = log(sum);
        REAL value = 0;
        for (int i = 0; i < cols; i++) {
            if (y[i] != 0) {
                value -= y[i] * (n[i] - max - log_sum);
            }
        }
        return value;
    }
    REAL value = 0;
    for (int i = 0; i < cols; i++) {
        REAL d = a[i] - y[i];
        value += d * d;
    }
    return (REAL) 0.5 * value;
}

// s = dL/dn of one row: a - y for cross-entropy, J^T (a - y) for the squared error; s may be a.
void output_delta_SFX(const int loss, const int act, const SPACE REAL* n, const SPACE REAL* a,
        const __global REAL* y, SPACE REAL* s, const int cols) {
    for (int i = 0; i < cols; i++) {
        s[i] = a[i] - y[i];
    }
    if (loss == LOSS_MEAN_SQUARED_ERROR) {
        if (act == ACT_SOFTMAX) {
            softmax_backward_SFX(a, (REAL) 1, s, s, cols);
        } else {
            for (int i = 0; i < cols; i++) {
                s[i] = (REAL) 1 * act_derivative(act, n[i], a[i]) * s[i];
            }
        }
    }
}

// The index of the first largest value.
int argmax_SFX(const SPACE REAL* v, const int cols) {
    int best = 0;
    for (int i = 1; i < cols; i++) {
        if (v[i] > v[best]) {
            best = i;
        }
    }
    return best;
}
