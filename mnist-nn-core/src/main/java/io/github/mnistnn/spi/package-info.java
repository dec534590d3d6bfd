/**
 * The backend SPI: the device boundary ({@link io.github.mnistnn.spi.Backend}, its matrices and index
 * vectors), the {@link io.github.mnistnn.spi.BackendProvider} service through which backends are found, and
 * {@link io.github.mnistnn.spi.Backends} to open one by name.
 */
package io.github.mnistnn.spi;
