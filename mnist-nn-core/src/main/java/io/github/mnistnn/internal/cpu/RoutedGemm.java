package io.github.mnistnn.internal.cpu;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The CPU backend's matrix product {@code C = alpha op(A) op(B) + beta C}, routed by shape: the tall and long
 * products of convolutions go through {@link TallGemm}, other large (mini-batch) products through
 * {@link PackedGemm}, which skips zeros, or, where the {@link TallGemm} kernels {@linkplain
 * TallGemm#coversDenseShapes() cover them} and the left factor is not mostly zeros, through those kernels; small
 * products stay on EJML's {@link CommonOps_DDRM}. Keeps the work buffers of its products; not thread-safe.
 */
final class RoutedGemm {
    private final PackedGemm packed = new PackedGemm();
    private final TallGemm tall;

    /**
     * A product with the given tall and long products.
     *
     * @param tall the products of convolutions, and of any large shape where they cover it
     */
    RoutedGemm(TallGemm tall) {
        this.tall = tall;
    }

    /**
     * {@code z = alpha op(x) op(y) + beta z}; the caller has checked the shapes.
     *
     * @param transA use {@code x^T}
     * @param transB use {@code y^T}
     * @param alpha scale of the product
     * @param x the left factor
     * @param y the right factor
     * @param beta scale of the old {@code z}
     * @param z the result
     */
    void multiply(boolean transA, boolean transB, double alpha, DMatrixRMaj x, DMatrixRMaj y, double beta,
            DMatrixRMaj z) {
        int m = z.numRows;
        int n = z.numCols;
        int inner = transA ? x.numRows : x.numCols;
        if (TallGemm.suits(transA, transB, m, n, inner)) {
            tall.multiply(transA, transB, m, n, inner, alpha, x.data, y.data, beta, z.data);
            return;
        }
        if (PackedGemm.suits(m, n, inner)) {
            if (tall.coversDenseShapes() && !(transA && transB) && !ZeroShare.mostlyZerosCounted(x.data, x.numRows * x.numCols)) {
                tall.multiply(transA, transB, m, n, inner, alpha, x.data, y.data, beta, z.data);
                return;
            }
            packed.multiply(transA, transB, m, n, inner, alpha, x.data, y.data, beta, z.data);
            return;
        }
        if (beta == 0) {
            if (!transA && !transB) {
                CommonOps_DDRM.mult(alpha, x, y, z);
            } else if (!transA) {
                CommonOps_DDRM.multTransB(alpha, x, y, z);
            } else if (!transB) {
                CommonOps_DDRM.multTransA(alpha, x, y, z);
            } else {
                CommonOps_DDRM.multTransAB(alpha, x, y, z);
            }
            return;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, z);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(alpha, x, y, z);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(alpha, x, y, z);
        } else if (!transB) {
            CommonOps_DDRM.multAddTransA(alpha, x, y, z);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, x, y, z);
        }
    }
}
