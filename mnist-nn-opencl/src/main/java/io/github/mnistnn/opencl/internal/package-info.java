/**
 * The OpenCL backend's implementation; not exported. {@code OpenClBackendProvider} is found through the
 * {@link io.github.mnistnn.spi.BackendProvider} service; {@code DeviceSelector} finds the device;
 * {@code OpenClBackend} runs the SPI's operations through {@code GemmKernel}, {@code RowKernels},
 * {@code UpdateKernels}, {@code ConvolutionKernels} and the fused {@code OnlineKernel}, whose sources are the
 * {@code .cl} resources beside these classes, built once per backend by {@code KernelProgram}. Every {@code cl_*}
 * handle is owned by one {@code ClHandle}; a reshaped {@code OpenClMatrix} shares its owner's.
 *
 * <pre>{@code
 * Backend backend = OpenClBackendProvider.open(DeviceSelection.fromSystemProperties());
 * }</pre>
 */
package io.github.mnistnn.opencl.internal;
