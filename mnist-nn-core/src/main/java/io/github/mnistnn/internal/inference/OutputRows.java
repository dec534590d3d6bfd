package io.github.mnistnn.internal.inference;

/**
 * The output layer's pre-activations {@code n} and activations {@code a} of some samples, row by row: what a loss
 * is computed from.
 *
 * @param n pre-activations, {@code classes} per sample
 * @param a activations, {@code classes} per sample
 * @param classes values per sample
 */
public record OutputRows(double[] n, double[] a, int classes) {
}
