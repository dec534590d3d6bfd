/**
 * The layer machinery, written once against the backend SPI: each layer kind's forward and backward pass over a
 * batch, side by side ({@link io.github.mnistnn.internal.layers.DensePass},
 * {@link io.github.mnistnn.internal.layers.ConvPass}, {@link io.github.mnistnn.internal.layers.PoolPass},
 * {@link io.github.mnistnn.internal.layers.FlattenPass}, {@link io.github.mnistnn.internal.layers.DropoutPass}),
 * the parameters they share ({@link io.github.mnistnn.internal.layers.DeviceParameters}), and the chain of passes
 * for one batch size ({@link io.github.mnistnn.internal.layers.LayerPasses}). Training, device classification and
 * host inference for non-dense networks all run these. Not exported.
 */
package io.github.mnistnn.internal.layers;
