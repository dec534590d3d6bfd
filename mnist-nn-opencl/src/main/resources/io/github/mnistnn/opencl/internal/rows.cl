// The element- and row-wise primitive operations of the Backend SPI. One work-item per element (or per row for
// row-wise math); the global size is rounded up to the work-group size, so every kernel checks its bound.

__kernel void fill(const REAL value, __global REAL* m, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        m[i] = value;
    }
}

// m[r][c] += bias[c]
__kernel void add_row_vector(const __global REAL* bias, __global REAL* m, const int cols, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        m[i] += bias[i % cols];
    }
}

// out = alpha * column sums of m + beta * out; the old out is ignored when beta == 0. Rows are summed in order.
__kernel void sum_rows(const REAL alpha, const __global REAL* m, const int rows, const int cols, const REAL beta,
        __global REAL* out) {
    const int j = get_global_id(0);
    if (j < cols) {
        REAL sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += m[r * cols + j];
        }
        out[j] = beta == 0 ? alpha * sum : alpha * sum + beta * out[j];
    }
}

// a = f(n) for an element-wise f; a may be n.
__kernel void activate(const int act, const __global REAL* n, __global REAL* a, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        a[i] = act_value(act, n[i]);
    }
}

// a = softmax(n), one work-item per row.
__kernel void activate_softmax(const __global REAL* n, __global REAL* a, const int rows, const int cols) {
    const int r = get_global_id(0);
    if (r < rows) {
        softmax_forward_g(n + r * cols, a + r * cols, cols);
    }
}

// out = scale * f'(n) * grad for an element-wise f; out may be grad.
__kernel void activation_backward(const int act, const __global REAL* n, const __global REAL* a, const REAL scale,
        const __global REAL* grad, __global REAL* out, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        out[i] = scale * act_derivative(act, n[i], a[i]) * grad[i];
    }
}

// out = scale * J^T grad for softmax, one work-item per row; out may be grad.
__kernel void softmax_backward(const __global REAL* a, const REAL scale, const __global REAL* grad,
        __global REAL* out, const int rows, const int cols) {
    const int r = get_global_id(0);
    if (r < rows) {
        softmax_backward_g(a + r * cols, scale, grad + r * cols, out + r * cols, cols);
    }
}

// s = dL/dn, one work-item per row.
__kernel void output_delta(const int loss, const int act, const __global REAL* n, const __global REAL* a,
        const __global REAL* y, __global REAL* s, const int rows, const int cols) {
    const int r = get_global_id(0);
    if (r < rows) {
        const int o = r * cols;
        output_delta_g(loss, act, n + o, a + o, y + o, s + o, cols);
    }
}

// metrics += (loss sum, correct count), and the first non-finite sample if none is recorded yet. One work-item
// walks the rows in order, so the sum is added up exactly as the CPU backend adds it.
__kernel void accumulate_metrics(const int loss, const __global REAL* n, const __global REAL* a,
        const __global REAL* y, const int rows, const int cols, const int first_sample, __global REAL* metrics) {
    if (get_global_id(0) != 0) {
        return;
    }
    for (int r = 0; r < rows; r++) {
        const int o = r * cols;
        const REAL value = loss_value_g(loss, n + o, a + o, y + o, cols);
        metrics[0] += value;
        if (argmax_g(a + o, cols) == argmax_g(y + o, cols)) {
            metrics[1] += 1;
        }
        if (!isfinite(value) && metrics[2] < 0) {
            metrics[2] = first_sample + r;
        }
    }
}

// dst[r] = src[order[offset + r]]; the indices were checked on the host.
__kernel void gather_rows(const __global REAL* src, const __global int* order, const int offset,
        __global REAL* dst, const int cols, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        const int r = i / cols;
        dst[i] = src[order[offset + r] * cols + (i - r * cols)];
    }
}
