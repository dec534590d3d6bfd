/**
 * The CPU backend; not exported. {@code EjmlBackend} (EJML primitives, the reference) with
 * {@code OnlineCpuTrainer} (the fused online path, weights in per-row arrays, zero inputs skipped through
 * {@code SampleNonZeros}), {@code Float32CpuBackend} (every operation in float, with its own fused online path,
 * {@code Float32OnlineTrainer}), {@code PackedGemm} (blocked, packed, zero-skipping products for large shapes, also
 * used by batched inference; the left factor packed by {@code SparseRows}), {@code Float32Product} (the float32
 * product of {@code Float32Classifier}; both products are {@code DenseProduct}s) and {@code CpuWorkers} (the one
 * daemon pool, at most cores - 1 threads).
 */
package io.github.mnistnn.internal.cpu;
