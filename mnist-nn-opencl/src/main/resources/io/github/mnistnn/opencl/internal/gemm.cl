// C = alpha op(A) op(B) + beta C, row-major, op transposing when asked. Tiled: each TS x TS work-group loads one
// tile of op(A) and one of op(B) into local memory per step along K. Edge tiles (any M, N, K, not only multiples
// of TS) are padded with zeros on load and masked on store. With beta == 0 the old C is ignored, even NaN.
__kernel __attribute__((reqd_work_group_size(TS, TS, 1)))
void gemm(const int m, const int n, const int k, const int trans_a, const int trans_b, const REAL alpha,
        const __global REAL* a, const __global REAL* b, const REAL beta, __global REAL* c) {
    __local REAL a_tile[TS][TS + 1];
    __local REAL b_tile[TS][TS + 1];
    const int lr = get_local_id(1);
    const int lc = get_local_id(0);
    const int row = get_group_id(1) * TS + lr;
    const int col = get_group_id(0) * TS + lc;
    const int lda = trans_a ? m : k;   // A is stored m x k, or k x m when transposed
    const int ldb = trans_b ? k : n;   // B is stored k x n, or n x k when transposed
    REAL acc = 0;
    for (int t = 0; t < k; t += TS) {
        const int ka = t + lc;
        a_tile[lr][lc] = (row < m && ka < k) ? (trans_a ? a[ka * lda + row] : a[row * lda + ka]) : (REAL) 0;
        const int kb = t + lr;
        b_tile[lr][lc] = (kb < k && col < n) ? (trans_b ? b[col * ldb + kb] : b[kb * ldb + col]) : (REAL) 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        const int steps = min(TS, k - t);
        for (int i = 0; i < steps; i++) {
            acc += a_tile[lr][i] * b_tile[i][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < m && col < n) {
        const int at = row * n + col;
        c[at] = beta == 0 ? alpha * acc : alpha * acc + beta * c[at];
    }
}
