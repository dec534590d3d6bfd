package io.github.mnistnn.examples;

import java.io.PrintStream;

/**
 * One run of the command line, as its commands see it: where results and errors go, whether the output is a
 * terminal (progress is then redrawn in place), and where {@code --data full} and {@code reproduce} get the full
 * MNIST (a stand-in, in tests).
 *
 * <pre>{@code
 * Invocation invocation = new Invocation(System.out, System.err, System.console() != null, Mnist::full);
 * }</pre>
 *
 * @param out where progress and results go
 * @param err where errors and notes go
 * @param terminal whether {@code out} is a terminal
 * @param full where the full MNIST comes from
 */
record Invocation(PrintStream out, PrintStream err, boolean terminal, FullMnist full) {
}
