// Batch normalisation, column by column, as io.github.mnistnn.spi.BatchNormStep defines it. The column statistics
// and the backward sums take one work-group per column: its work-items add up every size-th row, then combine
// their partial sums in local memory (the work-group size is a power of two). The variance takes a second pass
// over the centred values, as the reference does. The element-wise kernels take one work-item per element and
// check their bound, the global size being rounded up to the work-group size.

// The sum of every work-item's value over the work-group, returned to each; scratch holds one value per
// work-item and may be reused as soon as this returns.
inline REAL batch_norm_group_sum(__local REAL* scratch, const REAL value) {
    const int lid = get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int step = get_local_size(0) / 2; step > 0; step /= 2) {
        if (lid < step) {
            scratch[lid] += scratch[lid + step];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const REAL sum = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return sum;
}

// Column j = the group: saved = (mean, 1 / sqrt(var + epsilon)); running moves by momentum towards (mean, the
// unbiased variance, or var itself for one row).
__kernel void batch_norm_statistics(const __global REAL* x, const int rows, const int cols, const REAL epsilon,
        const REAL momentum, __global REAL* running, __global REAL* saved, __local REAL* scratch) {
    const int j = get_group_id(0);
    const int lid = get_local_id(0);
    const int size = get_local_size(0);
    REAL part = 0;
    for (int r = lid; r < rows; r += size) {
        part += x[r * cols + j];
    }
    const REAL mean = batch_norm_group_sum(scratch, part) / (REAL) rows;
    part = 0;
    for (int r = lid; r < rows; r += size) {
        const REAL d = x[r * cols + j] - mean;
        part += d * d;
    }
    const REAL variance = batch_norm_group_sum(scratch, part) / (REAL) rows;
    if (lid == 0) {
        const REAL unbiased = rows > 1 ? variance * (REAL) rows / (REAL) (rows - 1) : variance;
        running[j] = ((REAL) 1 - momentum) * running[j] + momentum * mean;
        running[cols + j] = ((REAL) 1 - momentum) * running[cols + j] + momentum * unbiased;
        saved[j] = mean;
        saved[cols + j] = (REAL) 1 / sqrt(variance + epsilon);
    }
}

// x_hat = (x - mean) inv_std, y = gamma x_hat + beta; either may be x.
__kernel void batch_norm_normalise(const __global REAL* x, const __global REAL* gamma, const __global REAL* beta,
        const __global REAL* saved, __global REAL* x_hat, __global REAL* y, const int cols, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        const int j = i % cols;
        const REAL h = (x[i] - saved[j]) * saved[cols + j];
        x_hat[i] = h;
        y[i] = gamma[j] * h + beta[j];
    }
}

// y = (x - running mean) gamma / sqrt(running var + epsilon) + beta; y may be x.
__kernel void batch_norm_inference(const __global REAL* x, const __global REAL* gamma, const __global REAL* beta,
        const __global REAL* running, const REAL epsilon, __global REAL* y, const int cols, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        const int j = i % cols;
        const REAL scale = gamma[j] / sqrt(running[cols + j] + epsilon);
        y[i] = (x[i] - running[j]) * scale + beta[j];
    }
}

// Column j = the group: sum_dy = sum(dy), sum_dy_x_hat = sum(dy x_hat).
__kernel void batch_norm_backward_sums(const __global REAL* dy, const __global REAL* x_hat, const int rows,
        const int cols, __global REAL* sum_dy, __global REAL* sum_dy_x_hat, __local REAL* scratch) {
    const int j = get_group_id(0);
    const int lid = get_local_id(0);
    const int size = get_local_size(0);
    REAL plain = 0;
    REAL weighted = 0;
    for (int r = lid; r < rows; r += size) {
        const REAL g = dy[r * cols + j];
        plain += g;
        weighted += g * x_hat[r * cols + j];
    }
    const REAL total = batch_norm_group_sum(scratch, plain);
    const REAL total_weighted = batch_norm_group_sum(scratch, weighted);
    if (lid == 0) {
        sum_dy[j] = total;
        sum_dy_x_hat[j] = total_weighted;
    }
}

// dx = gamma inv_std (dy - sum_dy / rows - x_hat sum_dy_x_hat / rows), after batch_norm_backward_sums; dx may be dy.
__kernel void batch_norm_backward(const __global REAL* dy, const __global REAL* x_hat, const __global REAL* gamma,
        const __global REAL* saved, const __global REAL* sum_dy, const __global REAL* sum_dy_x_hat, __global REAL* dx,
        const int rows, const int cols, const int count) {
    const int i = get_global_id(0);
    if (i < count) {
        const int j = i % cols;
        const REAL n = (REAL) rows;
        dx[i] = gamma[j] * saved[cols + j] * (dy[i] - sum_dy[j] / n - x_hat[i] * sum_dy_x_hat[j] / n);
    }
}
