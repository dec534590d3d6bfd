package io.github.mnistnn.internal.cpu;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the CPU backend runs its kernels through {@code jdk.incubator.vector}, decided once per JVM after the
 * model of Apache Lucene's {@code VectorizationProvider}: the kernels are used when the module is in the boot
 * layer (the application was launched with {@code --add-modules jdk.incubator.vector}), 256-bit vectors are
 * native, and the system property {@value #PROPERTY} is not {@code false}; otherwise the pure-Java loops run and
 * one log line says why and how to turn the kernels on. The kernel classes are compiled apart, from
 * {@code src/main/vector}, and only ever loaded by name from here, so nothing else in the library touches the
 * incubator module. Not part of the API.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar app.jar        // the Vector API kernels
 * java -Dmnistnn.cpu.vector=false --add-modules ... -jar app.jar  // the pure-Java loops, to compare
 * }</pre>
 */
public final class VectorKernels {
    /** The system property that, set to {@code false}, forces the pure-Java kernels. */
    public static final String PROPERTY = "mnistnn.cpu.vector";
    static final String MODULE = "jdk.incubator.vector";

    private static final System.Logger LOG = System.getLogger(VectorKernels.class.getName());
    private static final String KERNELS = "io.github.mnistnn.internal.cpu.";
    private static final String TALL_GEMM = KERNELS + "VectorGemm";
    private static final Choice CHOICE = choose(System.getProperty(PROPERTY),
            ModuleLayer.boot().findModule(MODULE));

    private VectorKernels() {
    }

    /** The outcome of the one decision: whether the kernels run, and the reason given. */
    record Choice(boolean enabled, String reason) {
    }

    /**
     * Whether the Vector API kernels run in this JVM.
     *
     * @return {@code true} when they do
     */
    public static boolean enabled() {
        return CHOICE.enabled();
    }

    /**
     * What runs and why, for logs and reports: {@code "Vector API (float 512-bit, double 256-bit)"} or
     * {@code "pure Java (...)"}.
     *
     * @return one line
     */
    public static String description() {
        return CHOICE.reason();
    }

    static TallGemm tallGemm() {
        return make(TallGemm.class, TALL_GEMM);
    }

    static Sgemm sgemm() {
        return make(Sgemm.class, KERNELS + "VectorSgemm");
    }

    /** The zero-skipping float product whose sums stay in registers ({@code VectorSparseSgemm}). */
    static Sgemm sparseSgemm() {
        return make(Sgemm.class, KERNELS + "VectorSparseSgemm");
    }

    /**
     * The float product once with each micro-kernel shape, whichever this processor would be given, so that tests
     * hold them to the same floats on one machine.
     */
    static List<Sgemm> sgemmOfEveryShape() {
        try {
            Class<?> shape = Class.forName(KERNELS + "SgemmTile");
            Constructor<?> constructor = Class.forName(KERNELS + "VectorSgemm").getDeclaredConstructor(shape);
            List<Sgemm> all = new ArrayList<>();
            for (Object each : shape.getEnumConstants()) {
                all.add((Sgemm) constructor.newInstance(each));
            }
            return all;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Vector API kernels were found once and cannot be made now", e);
        }
    }

    /**
     * The float products, dense with this processor's tile shape and zero-skipping, with their packed panels from
     * {@code start} whatever the cache lines, so that tests show only speed depends on where the panels start.
     */
    static List<Sgemm> sgemmsWithPanelsAt(int start) {
        try {
            Class<?> shape = Class.forName(KERNELS + "SgemmTile");
            Object preferred = shape.getDeclaredMethod("forThisMachine").invoke(null);
            return List.of(
                    (Sgemm) Class.forName(KERNELS + "VectorSgemm")
                            .getDeclaredConstructor(shape, CacheLines.Tracker.class)
                            .newInstance(preferred, CacheLines.Tracker.at(start)),
                    (Sgemm) Class.forName(KERNELS + "VectorSparseSgemm")
                            .getDeclaredConstructor(CacheLines.Tracker.class)
                            .newInstance(CacheLines.Tracker.at(start)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Vector API kernels were found once and cannot be made now", e);
        }
    }

    static OnlineLoops onlineLoops() {
        return make(OnlineLoops.class, KERNELS + "VectorOnlineLoops");
    }

    static Float32OnlineLoops float32OnlineLoops() {
        return make(Float32OnlineLoops.class, KERNELS + "VectorFloat32OnlineLoops");
    }

    static CacheLines cacheLines() {
        return make(CacheLines.class, KERNELS + "VectorCacheLines");
    }

    static Rectifier rectifier() {
        return make(Rectifier.class, KERNELS + "VectorRectifier");
    }

    static MaxPoolWindows maxPool() {
        return make(MaxPoolWindows.class, KERNELS + "VectorMaxPool");
    }

    /** A new instance of the kernel class {@code name}, loaded by name so nothing else links to the module. */
    private static <T> T make(Class<T> type, String name) {
        try {
            return type.cast(Class.forName(name).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Vector API kernels were found once and cannot be made now", e);
        }
    }

    static Choice choose(String property, Optional<Module> module) {
        Choice choice = decide(property, module);
        // The hint is worth a line only where the module is missing; a choice the user made is not news.
        LOG.log(module.isEmpty() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                () -> "CPU kernels: " + choice.reason());
        return choice;
    }

    private static Choice decide(String property, Optional<Module> module) {
        if (property != null && property.trim().equalsIgnoreCase("false")) {
            return new Choice(false, "pure Java (" + PROPERTY + "=false)");
        }
        if (module.isEmpty()) {
            return new Choice(false, "pure Java; launch with --add-modules " + MODULE
                    + " for the faster Vector API kernels");
        }
        VectorKernels.class.getModule().addReads(module.get());
        try {
            Class.forName(TALL_GEMM).getDeclaredConstructor().newInstance();
            int floats = Class.forName(KERNELS + "FloatLanes").getDeclaredField("LANES").getInt(null);
            return new Choice(true, "Vector API (float " + 32 * floats + "-bit, double 256-bit)");
        } catch (InvocationTargetException e) {
            return new Choice(false, "pure Java; " + e.getCause().getMessage());
        } catch (ReflectiveOperationException | LinkageError e) {
            return new Choice(false, "pure Java; the Vector API kernels did not load (" + rootCause(e) + ")");
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
