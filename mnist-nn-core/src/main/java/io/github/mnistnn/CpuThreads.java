package io.github.mnistnn;

/**
 * How many threads the CPU backend and batched inference may keep busy at once. The default is the number of
 * cores ({@link Runtime#availableProcessors()}), or the system property {@value #PROPERTY} when it is set;
 * the count can never exceed the cores, so the library never oversubscribes the machine. Only large matrix
 * products use more than one thread; online (batch 1) training always runs on the caller's thread.
 *
 * <pre>{@code
 * CpuThreads.setCount(1);     // or: java -Dmnistnn.cpu.threads=1 ...
 * Network network = trainer.train(spec, data);
 * }</pre>
 */
public final class CpuThreads {
    /** The system property read once for the initial count. */
    public static final String PROPERTY = "mnistnn.cpu.threads";

    private static final System.Logger LOG = System.getLogger(CpuThreads.class.getName());
    private static volatile int count = initialCount(System.getProperty(PROPERTY), cores());

    private CpuThreads() {
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static int initialCount(String property, int cores) {
        if (property == null || property.isBlank()) {
            return cores;
        }
        try {
            int wanted = Integer.parseInt(property.trim());
            if (wanted >= 1 && wanted <= cores) {
                return wanted;
            }
            int used = Math.max(1, Math.min(wanted, cores));
            LOG.log(System.Logger.Level.WARNING, () -> PROPERTY + "=" + wanted + " is outside 1.." + cores
                    + " (the cores); using " + used);
            return used;
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, () -> PROPERTY + "='" + property + "' is not a number; using "
                    + cores + " (the cores)");
            return cores;
        }
    }

    /**
     * The current thread count.
     *
     * @return between 1 and the number of cores
     */
    public static int count() {
        return count;
    }

    /**
     * Sets the thread count for every later CPU operation in this JVM.
     *
     * @param threads between 1 and {@link Runtime#availableProcessors()}
     * @throws IllegalArgumentException if the count is below 1 or above the number of cores
     */
    public static void setCount(int threads) {
        int cores = cores();
        if (threads < 1 || threads > cores) {
            throw new IllegalArgumentException("thread count " + threads + " is outside 1.." + cores
                    + " (this machine's cores)");
        }
        count = threads;
    }
}
