// A whole stretch of online learning (batch size 1) in one launch of one work-group. Per sample it runs exactly
// the primitive path's steps: forward, metrics, output delta, the hidden deltas from the old weights (CB or UHB),
// then W_k += rate a_(k-1)^T s_k and b_k += rate s_k with rate = -learning rate. Activations and deltas stay in
// local memory (scratch, 4 values per unit: n, a, s, e); weights stay in global memory, where they fit in cache.
// Barriers separate the layers; the sums run in the same order as the primitive kernels'.
// dims: s0 is the input width, s1.. the layer widths. acts: 3 bits per layer, layer 0 lowest.

#define N_OF(k) (scratch + offset[k])
#define A_OF(k) (scratch + offset[k] + width[(k) + 1])
#define S_OF(k) (scratch + offset[k] + 2 * width[(k) + 1])
#define E_OF(k) (scratch + offset[k] + 3 * width[(k) + 1])

__kernel void train_online(const int rule, const int loss, const int depth, const int16 dims, const int acts,
        const REAL rate,
        __global REAL* w0, __global REAL* w1, __global REAL* w2, __global REAL* w3,
        __global REAL* w4, __global REAL* w5, __global REAL* w6, __global REAL* w7,
        __global REAL* b0, __global REAL* b1, __global REAL* b2, __global REAL* b3,
        __global REAL* b4, __global REAL* b5, __global REAL* b6, __global REAL* b7,
        const __global REAL* x, const __global REAL* y, const __global int* order, const int first,
        const int count, __global REAL* metrics, __local REAL* scratch) {
    __global REAL* weights[MAX_LAYERS] = {w0, w1, w2, w3, w4, w5, w6, w7};
    __global REAL* biases[MAX_LAYERS] = {b0, b1, b2, b3, b4, b5, b6, b7};
    int width[16];
    vstore16(dims, 0, width);
    int offset[MAX_LAYERS];
    int act[MAX_LAYERS];
    int total = 0;
    for (int k = 0; k < depth; k++) {
        offset[k] = total;
        total += 4 * width[k + 1];
        act[k] = (acts >> (3 * k)) & 7;
    }
    const int lid = get_local_id(0);
    const int lsz = get_local_size(0);
    const int out = depth - 1;
    const int classes = width[depth];
    REAL loss_sum = metrics[0];
    REAL correct = metrics[1];
    REAL first_bad = metrics[2];

    for (int p = first; p < first + count; p++) {
        const int row = order[p];
        const __global REAL* in0 = x + row * width[0];
        const __global REAL* target = y + row * classes;

        // Forward: n_k = a_(k-1) W_k + b_k, a_k = f(n_k).
        for (int k = 0; k < depth; k++) {
            const int fan_in = width[k];
            const int fan_out = width[k + 1];
            const __global REAL* w = weights[k];
            __local REAL* nk = N_OF(k);
            __local REAL* ak = A_OF(k);
            for (int j = lid; j < fan_out; j += lsz) {
                REAL acc = 0;
                if (k == 0) {
                    for (int i = 0; i < fan_in; i++) {
                        acc += in0[i] * w[i * fan_out + j];
                    }
                } else {
                    const __local REAL* prev = A_OF(k - 1);
                    for (int i = 0; i < fan_in; i++) {
                        acc += prev[i] * w[i * fan_out + j];
                    }
                }
                const REAL n = acc + biases[k][j];
                nk[j] = n;
                if (act[k] != ACT_SOFTMAX) {
                    ak[j] = act_value(act[k], n);
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            if (act[k] == ACT_SOFTMAX) {
                if (lid == 0) {
                    softmax_forward_l(nk, ak, fan_out);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
            }
        }

        // Metrics and the output delta (and, for UHB, the output error a - y).
        if (lid == 0) {
            const REAL value = loss_value_l(loss, N_OF(out), A_OF(out), target, classes);
            loss_sum += value;
            if (argmax_l(A_OF(out), classes) == argmax_g(target, classes)) {
                correct += 1;
            }
            if (!isfinite(value) && first_bad < 0) {
                first_bad = p;
            }
            output_delta_l(loss, act[out], N_OF(out), A_OF(out), target, S_OF(out), classes);
            if (rule == RULE_UHB) {
                __local REAL* e = E_OF(out);
                const __local REAL* a = A_OF(out);
                for (int i = 0; i < classes; i++) {
                    e[i] = a[i] - target[i];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        // Hidden deltas from the old weights. CB: s_k = J_k^T (s_(k+1) W_(k+1)^T). UHB: e_k = e_(k+1) W_(k+1)^T,
        // s_k = 2 J_k^T e_k.
        for (int k = out - 1; k >= 0; k--) {
            const int units = width[k + 1];
            const int next = width[k + 2];
            const __global REAL* w = weights[k + 1];
            const __local REAL* upstream = rule == RULE_CB ? S_OF(k + 1) : E_OF(k + 1);
            __local REAL* grad = rule == RULE_CB ? S_OF(k) : E_OF(k);
            __local REAL* s = S_OF(k);
            const REAL scale = rule == RULE_CB ? (REAL) 1 : (REAL) 2;
            for (int i = lid; i < units; i += lsz) {
                REAL acc = 0;
                for (int j = 0; j < next; j++) {
                    acc += upstream[j] * w[i * next + j];
                }
                grad[i] = acc;
                if (act[k] != ACT_SOFTMAX) {
                    s[i] = scale * act_derivative(act[k], N_OF(k)[i], A_OF(k)[i]) * acc;
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            if (act[k] == ACT_SOFTMAX) {
                if (lid == 0) {
                    softmax_backward_l(A_OF(k), scale, grad, s, units);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
            }
        }

        // Updates: W_k += rate a_(k-1)^T s_k, b_k += rate s_k.
        for (int k = 0; k < depth; k++) {
            const int fan_in = width[k];
            const int fan_out = width[k + 1];
            __global REAL* w = weights[k];
            __global REAL* b = biases[k];
            const __local REAL* s = S_OF(k);
            const int size = fan_in * fan_out;
            for (int t = lid; t < size; t += lsz) {
                const int i = t / fan_out;
                const int j = t - i * fan_out;
                const REAL input = k == 0 ? in0[i] : A_OF(k - 1)[i];
                w[t] = rate * (input * s[j]) + w[t];
            }
            for (int j = lid; j < fan_out; j += lsz) {
                b[j] = rate * s[j] + b[j];
            }
        }
        barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        metrics[0] = loss_sum;
        metrics[1] = correct;
        metrics[2] = first_bad;
    }
}
