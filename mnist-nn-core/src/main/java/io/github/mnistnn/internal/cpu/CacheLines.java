package io.github.mnistnn.internal.cpu;

/**
 * Where the cache lines begin in a float array, for kernels that load whole 64-byte vectors: such a load that
 * straddles two lines costs about twice one that does not (on an Intel Xeon with AVX-512 the float32 inference loop
 * ran at 47 GFLOP/s across lines and 131-141 on them), and Java places an array wherever its collector likes, 8 bytes
 * aligned, with no address to ask for. So the Vector API implementation times vector loads from each possible
 * start and names the fastest where it stands out; a kernel then puts its packed data there. Only speed depends on
 * the answer, never a value, and the collector may move an array later, so kernels ask again now and then
 * ({@link Tracker}). Thread-safe.
 *
 * <pre>{@code
 * CacheLines lines = CacheLines.create();
 * float[] packed = new float[size + CacheLines.SLACK];
 * int start = Math.max(0, lines.firstStart(packed)); // pack from packed[start]
 * }</pre>
 */
interface CacheLines {
    /** The answer when the timings do not tell. */
    int UNKNOWN = -1;
    /** Floats to allocate beyond the data, so that it may start at any index below this. */
    int SLACK = 16;
    /** The shortest array that is timed: {@link #SLACK} and 128 rows of 64 floats. */
    int TIMED_LENGTH = SLACK + 128 * 64;

    /**
     * The index below {@link #SLACK} from which vector loads fall on cache lines, or {@link #UNKNOWN} (for instance
     * before the just-in-time compiler has compiled the timing loop, when every start times alike).
     *
     * @param a an array of at least {@link #TIMED_LENGTH} floats (shorter ones are {@link #UNKNOWN}); its values
     *     are read, not changed
     * @return the index, or {@link #UNKNOWN}
     */
    int firstStart(float[] a);

    /** Never knows: the pure-Java kernels load no whole vectors. */
    CacheLines NONE = a -> UNKNOWN;

    /**
     * The Vector API implementation where {@link VectorKernels} enables it, otherwise {@link #NONE}.
     *
     * @return the implementation
     */
    static CacheLines create() {
        return VectorKernels.enabled() ? VectorKernels.cacheLines() : NONE;
    }

    /**
     * One kernel's view of one buffer at a time: the start found for it, asked on the {@value #FIRST}th call with
     * the buffer (so a kernel run once or twice never pays for the timing) and every {@value #EVERY} calls after
     * (tens of microseconds each; the first answer of a JVM waits for the timing loop to be compiled, see
     * {@code VectorCacheLines}). Not thread-safe; one per kernel instance.
     */
    final class Tracker {
        private static final int FIRST = 16;
        private static final int EVERY = 256;
        private final CacheLines lines;
        /** The start given for every buffer, or {@link #UNKNOWN} where {@link #lines} is asked. */
        private final int fixed;
        private float[] buffer;
        private int start;
        private int calls;

        /**
         * A tracker that asks {@code lines}.
         *
         * @param lines the timing
         */
        Tracker(CacheLines lines) {
            this(lines, UNKNOWN);
        }

        private Tracker(CacheLines lines, int fixed) {
            this.lines = lines;
            this.fixed = fixed;
        }

        /**
         * A tracker that gives {@code start} for every buffer, asking nothing (tests put packed data off the lines
         * with it, to show that only speed depends on where it starts).
         *
         * @param start an index below {@link #SLACK}
         * @return the tracker
         */
        static Tracker at(int start) {
            return new Tracker(NONE, start);
        }

        /**
         * Where to start data in {@code a} now: the last start found for this array, or {@code assumed} before one
         * is found.
         *
         * @param a the buffer, at least {@link #TIMED_LENGTH} floats for an answer other than {@code assumed}
         * @param assumed the start to give a new array until one is found (where its data already starts)
         * @return an index below {@link #SLACK}
         */
        int start(float[] a, int assumed) {
            if (fixed != UNKNOWN) {
                return fixed;
            }
            if (a != buffer) {
                buffer = a;
                start = assumed;
                calls = 0;
            }
            if (calls++ % EVERY == FIRST - 1 && a.length >= TIMED_LENGTH) {
                int found = lines.firstStart(a);
                if (found != UNKNOWN) {
                    start = found;
                }
            }
            return start;
        }
    }
}
