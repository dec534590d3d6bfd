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

// The same product for large outputs, register-blocked: a work-group of TS x TS work-items computes a BT x BT tile
// of C (BT = TS * WPT), each work-item a WPT x WPT block of it kept in registers (rows lr + i TS, columns
// lc + j TS, so neighbouring work-items touch neighbouring addresses); per step of TS along K the group stages
// BT x TS of op(A) and TS x BT of op(B) in local memory, each work-item loading WPT values of each. Every value
// read from local memory then feeds WPT multiply-adds instead of one. Edges are padded and masked as above.
#define WPT 4
#define BT (TS * WPT)

__kernel __attribute__((reqd_work_group_size(TS, TS, 1)))
void gemm_blocked(const int m, const int n, const int k, const int trans_a, const int trans_b, const REAL alpha,
        const __global REAL* a, const __global REAL* b, const REAL beta, __global REAL* c) {
    __local REAL a_tile[TS][BT + 1];   // a_tile[kk][r]: op(A)[row0 + r][t + kk]
    __local REAL b_tile[TS][BT + 1];   // b_tile[kk][q]: op(B)[t + kk][col0 + q]
    const int lc = get_local_id(0);
    const int lr = get_local_id(1);
    const int id = lr * TS + lc;
    const int row0 = get_group_id(1) * BT;
    const int col0 = get_group_id(0) * BT;
    const int lda = trans_a ? m : k;
    const int ldb = trans_b ? k : n;
    REAL acc[WPT][WPT];
    for (int i = 0; i < WPT; i++) {
        for (int j = 0; j < WPT; j++) {
            acc[i][j] = 0;
        }
    }
    for (int t = 0; t < k; t += TS) {
        for (int l = 0; l < WPT; l++) {
            const int e = id + l * TS * TS;
            const int r = e / TS;          // op(A): TS consecutive work-items read TS consecutive k of one row
            const int kk = e % TS;
            const int ga = row0 + r;
            const int ka = t + kk;
            a_tile[kk][r] = (ga < m && ka < k) ? (trans_a ? a[ka * lda + ga] : a[ga * lda + ka]) : (REAL) 0;
            const int kb = e / BT;         // op(B): BT consecutive work-items read BT consecutive columns
            const int q = e % BT;
            const int gb = col0 + q;
            const int kt = t + kb;
            b_tile[kb][q] = (kt < k && gb < n) ? (trans_b ? b[gb * ldb + kt] : b[kt * ldb + gb]) : (REAL) 0;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        const int steps = min(TS, k - t);
        for (int kk = 0; kk < steps; kk++) {
            REAL bv[WPT];
            for (int j = 0; j < WPT; j++) {
                bv[j] = b_tile[kk][lc + j * TS];
            }
            for (int i = 0; i < WPT; i++) {
                const REAL av = a_tile[kk][lr + i * TS];
                for (int j = 0; j < WPT; j++) {
                    acc[i][j] += av * bv[j];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int i = 0; i < WPT; i++) {
        const int row = row0 + lr + i * TS;
        for (int j = 0; j < WPT; j++) {
            const int col = col0 + lc + j * TS;
            if (row < m && col < n) {
                const int at = row * n + col;
                c[at] = beta == 0 ? alpha * acc[i][j] : alpha * acc[i][j] + beta * c[at];
            }
        }
    }
}
