/**
 * Choosing the OpenCL device and precision: {@link io.github.mnistnn.opencl.OpenClBackends#builder()} and
 * {@link io.github.mnistnn.opencl.Precision}. Everything else about the OpenCL backend is reached through the core
 * {@link io.github.mnistnn.spi.Backend} interface.
 *
 * <pre>{@code
 * Backend backend = OpenClBackends.builder().platformIndex(0).deviceIndex(0).open();
 * }</pre>
 */
package io.github.mnistnn.opencl;
