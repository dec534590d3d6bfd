/**
 * The mnist-nn core: the API ({@link io.github.mnistnn.Trainer}, {@link io.github.mnistnn.Network},
 * {@link io.github.mnistnn.Layer}, {@link io.github.mnistnn.Activation}, {@link io.github.mnistnn.BackpropRule}),
 * the backend SPI and the CPU backend on EJML (named {@code "cpu"}).
 */
@SuppressWarnings("module") // the qualified export names modules that depend on this one, unseen when it compiles
module io.github.mnistnn.core {
    requires ejml.core;
    requires ejml.ddense;

    exports io.github.mnistnn;
    exports io.github.mnistnn.spi;
    exports io.github.mnistnn.internal.io to io.github.mnistnn.data, io.github.mnistnn.examples;

    uses io.github.mnistnn.spi.BackendProvider;

    provides io.github.mnistnn.spi.BackendProvider with io.github.mnistnn.internal.cpu.EjmlBackendProvider,
            io.github.mnistnn.internal.cpu.Float32CpuBackendProvider;
}
