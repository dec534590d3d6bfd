/**
 * Worked examples: {@link io.github.mnistnn.examples.ReferenceExperiment} runs the reference experiment from
 * the command line; {@link io.github.mnistnn.examples.LibraryExample} is the README's library example.
 */
package io.github.mnistnn.examples;
