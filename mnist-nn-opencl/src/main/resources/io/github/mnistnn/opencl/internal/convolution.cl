// The convolution and pooling primitives of the Backend SPI over channels-last images (b, y, x, c), exactly as
// io.github.mnistnn.spi.ConvGeometry and PoolGeometry define them. One work-item per output element; the backward
// passes gather instead of scattering, so no kernel needs atomics and every sum is added up in the reference's
// order. The global size is rounded up to the work-group size, so every kernel checks its bound.

// cols[(pos, ky, kx, c)] = images[(b, oy * stride - pad_top + ky, ox * stride - pad_left + kx, c)], 0 in the
// padding; pos = (b * out_h + oy) * out_w + ox.
__kernel void im2col(const __global REAL* images, __global REAL* cols, const int height, const int width,
        const int channels, const int kernel_size, const int stride, const int pad_top, const int pad_left,
        const int out_h, const int out_w, const int count) {
    const int i = get_global_id(0);
    if (i >= count) {
        return;
    }
    const int c = i % channels;
    int t = i / channels;
    const int kx = t % kernel_size;
    t /= kernel_size;
    const int ky = t % kernel_size;
    t /= kernel_size;
    const int ox = t % out_w;
    t /= out_w;
    const int oy = t % out_h;
    const int b = t / out_h;
    const int iy = oy * stride - pad_top + ky;
    const int ix = ox * stride - pad_left + kx;
    const bool inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
    cols[i] = inside ? images[((b * height + iy) * width + ix) * channels + c] : (REAL) 0;
}

// images[(b, iy, ix, c)] = the sum of the column entries im2col copied from it, over the windows that hold it in
// increasing output position (the reference col2im's row order), 0 where none does.
__kernel void col2im(const __global REAL* cols, __global REAL* images, const int height, const int width,
        const int channels, const int kernel_size, const int stride, const int pad_top, const int pad_left,
        const int out_h, const int out_w, const int count) {
    const int i = get_global_id(0);
    if (i >= count) {
        return;
    }
    const int c = i % channels;
    int t = i / channels;
    const int ix = t % width;
    t /= width;
    const int iy = t % height;
    const int b = t / height;
    // Window oy holds row iy when 0 <= iy + pad_top - oy * stride < kernel_size.
    const int py = iy + pad_top;
    const int px = ix + pad_left;
    const int low_y = py - kernel_size + 1;
    const int low_x = px - kernel_size + 1;
    const int first_oy = low_y <= 0 ? 0 : (low_y + stride - 1) / stride;
    const int first_ox = low_x <= 0 ? 0 : (low_x + stride - 1) / stride;
    const int last_oy = min(out_h - 1, py / stride);
    const int last_ox = min(out_w - 1, px / stride);
    const int width_of_row = kernel_size * kernel_size * channels;
    REAL sum = 0;
    for (int oy = first_oy; oy <= last_oy; oy++) {
        const int ky = py - oy * stride;
        for (int ox = first_ox; ox <= last_ox; ox++) {
            const int kx = px - ox * stride;
            const int row = (b * out_h + oy) * out_w + ox;
            sum += cols[row * width_of_row + (ky * kernel_size + kx) * channels + c];
        }
    }
    images[i] = sum;
}

// output[(b, oy, ox, c)] = the largest value of its size x size window, scanned row by row: a later value wins
// when it is larger, or when it is the first NaN (PoolGeometry.wins); argmax gets the index of the value chosen.
__kernel void max_pool(const __global REAL* input, __global int* argmax, __global REAL* output, const int height,
        const int width, const int channels, const int size, const int stride, const int out_h, const int out_w,
        const int count) {
    const int o = get_global_id(0);
    if (o >= count) {
        return;
    }
    const int c = o % channels;
    int t = o / channels;
    const int ox = t % out_w;
    t /= out_w;
    const int oy = t % out_h;
    const int b = t / out_h;
    int best = ((b * height + oy * stride) * width + ox * stride) * channels + c;
    REAL best_value = input[best];
    for (int ky = 0; ky < size; ky++) {
        const int row = ((b * height + oy * stride + ky) * width + ox * stride) * channels + c;
        for (int kx = 0; kx < size; kx++) {
            const int at = row + kx * channels;
            const REAL candidate = input[at];
            if (candidate > best_value || (isnan(candidate) && !isnan(best_value))) {
                best = at;
                best_value = candidate;
            }
        }
    }
    output[o] = best_value;
    argmax[o] = best;
}

// grad_input[i] = the sum, in increasing output index, of grad_output[o] over the windows o that hold input i and
// whose argmax[o] is i; 0 where none is. An argmax entry that is not an input of its own window (out of range, or
// elsewhere in the batch) matches no input and is ignored: the kernel reads and writes nothing out of bounds.
__kernel void max_pool_backward(const __global REAL* grad_output, const __global int* argmax,
        __global REAL* grad_input, const int height, const int width, const int channels, const int size,
        const int stride, const int out_h, const int out_w, const int count) {
    const int i = get_global_id(0);
    if (i >= count) {
        return;
    }
    const int c = i % channels;
    int t = i / channels;
    const int ix = t % width;
    t /= width;
    const int iy = t % height;
    const int b = t / height;
    // Window oy holds row iy when 0 <= iy - oy * stride < size.
    const int low_y = iy - size + 1;
    const int low_x = ix - size + 1;
    const int first_oy = low_y <= 0 ? 0 : (low_y + stride - 1) / stride;
    const int first_ox = low_x <= 0 ? 0 : (low_x + stride - 1) / stride;
    const int last_oy = min(out_h - 1, iy / stride);
    const int last_ox = min(out_w - 1, ix / stride);
    REAL sum = 0;
    for (int oy = first_oy; oy <= last_oy; oy++) {
        for (int ox = first_ox; ox <= last_ox; ox++) {
            const int o = ((b * out_h + oy) * out_w + ox) * channels + c;
            if (argmax[o] == i) {
                sum += grad_output[o];
            }
        }
    }
    grad_input[i] = sum;
}
