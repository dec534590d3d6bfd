/**
 * The module's machinery, not exported: {@link io.github.mnistnn.internal.ApiAccess} hands it the API types'
 * hidden members; the subpackages hold the training run, the layer passes, host inference, the model format's
 * layers and the CPU backend.
 */
package io.github.mnistnn.internal;
