package io.github.mnistnn.internal.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float vector of every float kernel in this JVM: 512 bits of sixteen floats where the JVM's preferred
 * vector has 512 bits (AVX-512), otherwise 256 bits of eight. One shape for all of them, because HotSpot's
 * intrinsics for the Vector API are chosen by type profiles that the kernels share: once both
 * {@code Float256Vector} and {@code Float512Vector} pass a call site such as {@code FloatVector.intoArray}, C2
 * stops intrinsifying it and a kernel falls back to the API's Java code, twenty times slower (seen on an AMD
 * EPYC with AVX-512 when only the product ran in 512 bits). On an Intel Xeon with two 512-bit FMA units, 512 bits
 * give one core 224 float GFLOP/s of fused multiply-adds against 117 with 256 (registers only, JDK 17); a JVM
 * started with {@code -XX:MaxVectorSize=32} prefers 256 bits and gets the 256-bit kernels. The fields are static
 * finals, so C2 folds them as constants, as it must for the intrinsics. Compiled only with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <pre>{@code
 * FloatVector sum = FloatVector.zero(FloatLanes.SPECIES);
 * for (int j = 0; j < FloatLanes.LANES * blocks; j += FloatLanes.LANES) { ... }
 * }</pre>
 */
final class FloatLanes {
    /** The float vector of every float kernel. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** Floats in a vector: 16 or 8. */
    static final int LANES = SPECIES.length();
    /** The int vector of the same bits, for lane indices beside floats. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());

    private FloatLanes() {
    }
}
