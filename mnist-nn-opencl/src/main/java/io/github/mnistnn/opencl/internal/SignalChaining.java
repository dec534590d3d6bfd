package io.github.mnistnn.opencl.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warns, once per JVM, when an OpenCL driver has loaded LLVM into the process without the JVM's signal-chaining
 * library. OpenCL drivers that compile kernels in-process (PoCL among them) run LLVM, which installs its own
 * handlers for SIGSEGV and friends when it compiles; the JVM uses those signals itself (safepoints, implicit null
 * checks), so a later garbage collection can end the process with "Segmentation fault" and no error report.
 * Preloading the JDK's {@code libjsig.so} keeps the JVM's handlers first and chains LLVM's behind them.
 *
 * <pre>{@code
 * // LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java -jar app.jar
 * SignalChaining.warnIfUnchained();
 * }</pre>
 */
final class SignalChaining {
    private static final System.Logger LOG = System.getLogger(SignalChaining.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Path MAPS = Path.of("/proc/self/maps");

    private SignalChaining() {
    }

    /** Logs the warning if LLVM is mapped into this process and {@code libjsig} is not; elsewhere does nothing. */
    static void warnIfUnchained() {
        if (WARNED.get() || !Files.isReadable(MAPS)) {
            return;
        }
        String maps;
        try {
            maps = Files.readString(MAPS);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (unchained(maps) && !WARNED.getAndSet(true)) {
            LOG.log(Level.WARNING, "this OpenCL driver runs LLVM inside the JVM, which replaces the JVM's signal "
                    + "handlers when it compiles kernels; the JVM can then crash with 'Segmentation fault'. Start "
                    + "java with LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")
                    + " to chain the two");
        }
    }

    /**
     * Whether a process's memory map holds LLVM but not the JVM's signal-chaining library.
     *
     * @param maps the text of {@code /proc/self/maps}
     * @return true if the warning applies
     */
    static boolean unchained(String maps) {
        return maps.contains("libLLVM") && !maps.contains("libjsig");
    }
}
