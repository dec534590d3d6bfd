package io.github.mnistnn.internal.cpu;

/**
 * {@link CacheLines} by timing the kernels' own inner loop ({@link PanelRows#add}) over 128 rows, 32 KB of the array
 * (in L1 after the first pass), from each start below one vector's floats, the best of two rounds: the fastest
 * start is the answer where it takes at most four fifths of the time of the next fastest. On an Intel Xeon with
 * AVX-512 the loop took about 180 ns on cache lines and 250-270 ns across them. In 256-bit vectors a line holds two
 * vectors, and the same rule finds a start on a 32-byte boundary, which is all those loads need. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * int start = VectorKernels.cacheLines().firstStart(packed);
 * }</pre>
 */
final class VectorCacheLines implements CacheLines {
    private static final int LANES = FloatLanes.LANES;
    private static final int ROWS = 128;
    /** Rows 64 floats (four lines) apart, as the inference's panels are. */
    private static final int STRIDE = Float32Weights.PANEL;
    private static final int ROUNDS = 2;
    /** The longest the first call keeps timing while the just-in-time compiler compiles the loop: 0.2 s. */
    private static final long FIRST_CALL_NANOS = 200_000_000L;
    /** Whether a call has already waited for the compiled loop (every later call times once). */
    private static volatile boolean warm;
    /** The rows in order, each with factor 1: read only, so shared by every thread. */
    private static final int[] AT = new int[ROWS];
    private static final float[] ONES = new float[ROWS];

    static {
        for (int r = 0; r < ROWS; r++) {
            AT[r] = r;
            ONES[r] = 1;
        }
    }

    @Override
    public int firstStart(float[] a) {
        if (a.length < TIMED_LENGTH) {
            return UNKNOWN;
        }
        int found = measure(a);
        if (!warm) {
            // Interpreted, every start times alike; compiled after some dozens of rounds (about 60 ms here).
            for (long begin = System.nanoTime(); found == UNKNOWN && System.nanoTime() - begin < FIRST_CALL_NANOS;) {
                found = measure(a);
            }
            warm = true;
        }
        return found;
    }

    /** One timing of every start: the fastest where it stands out, or {@link #UNKNOWN}. */
    private static int measure(float[] a) {
        float[] sums = new float[PanelRows.WIDTH];
        time(a, 0, sums);
        long[] best = new long[LANES];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < LANES; s++) {
                best[s] = Math.min(best[s], time(a, s, sums));
            }
        }
        int fastest = 0;
        for (int s = 1; s < LANES; s++) {
            fastest = best[s] < best[fastest] ? s : fastest;
        }
        long next = Long.MAX_VALUE;
        for (int s = 0; s < LANES; s++) {
            next = s == fastest ? next : Math.min(next, best[s]);
        }
        return 5 * best[fastest] <= 4 * next ? fastest : UNKNOWN;
    }

    /** Nanoseconds for one pass over the rows from {@code s}. */
    private static long time(float[] a, int s, float[] sums) {
        long start = System.nanoTime();
        PanelRows.add(AT, ONES, 0, ROWS, a, s, STRIDE, sums, 0, false);
        return System.nanoTime() - start;
    }
}
