/** The CPU backend on EJML; not exported. */
package io.github.mnistnn.internal.cpu;
