/**
 * The peers' side of the comparison table, built only by the {@code peers} Maven profile: the workloads of
 * {@link io.github.mnistnn.benchmarks.MiniBatchEpoch}, {@link io.github.mnistnn.benchmarks.Inference} and
 * {@link io.github.mnistnn.benchmarks.CnnEpoch} on DJL with its PyTorch engine, on the CPU
 * ({@link io.github.mnistnn.benchmarks.peers.PeerMiniBatchEpoch},
 * {@link io.github.mnistnn.benchmarks.peers.PeerInference}, {@link io.github.mnistnn.benchmarks.peers.PeerCnnEpoch}),
 * with the same parameters, data and iteration counts; {@link io.github.mnistnn.benchmarks.peers.PyTorch} opens the
 * engine with the chosen thread count.
 */
package io.github.mnistnn.benchmarks.peers;
