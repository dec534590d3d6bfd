/**
 * The OpenCL backend of mnist-nn, named {@code "opencl"}: it provides the core backend SPI
 * ({@link io.github.mnistnn.spi.BackendProvider}) and runs every primitive operation, and a fused online-learning
 * kernel, on an OpenCL device through JOCL.
 *
 * <p>Exactly one package is exported, {@code io.github.mnistnn.opencl}: choosing a device and a precision is the
 * one thing the core API cannot express, so that package holds only the builder that does it and the precision
 * enum. The backend, its matrices, kernels and handle owners live in a package that is not exported; users reach
 * them only through the core {@link io.github.mnistnn.spi.Backend} interface.
 *
 * <pre>{@code
 * try (Backend gpu = OpenClBackends.builder().deviceName("H100").open()) {
 *     Network net = Trainer.builder().backend(gpu).build().train(NetworkSpec.reference(5), data);
 * }
 * }</pre>
 */
module io.github.mnistnn.opencl {
    requires transitive io.github.mnistnn.core;
    requires jocl;

    exports io.github.mnistnn.opencl;

    provides io.github.mnistnn.spi.BackendProvider with io.github.mnistnn.opencl.internal.OpenClBackendProvider;
}
