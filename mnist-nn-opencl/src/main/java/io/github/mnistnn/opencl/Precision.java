package io.github.mnistnn.opencl;

/**
 * The floating-point type the OpenCL kernels compute in. Host arrays stay {@code double[]}; with
 * {@link #FLOAT32} values are rounded to float on upload and widened on download.
 *
 * <pre>{@code
 * Backend backend = OpenClBackends.builder().precision(Precision.FLOAT64).open();
 * }</pre>
 */
public enum Precision {
    /** 32-bit floats: the default, supported by every device, and the fast choice on GPUs. */
    FLOAT32("float", 4),
    /** 64-bit doubles: needs a device that reports {@code cl_khr_fp64}. */
    FLOAT64("double", 8);

    private final String clType;
    private final int bytes;

    Precision(String clType, int bytes) {
        this.clType = clType;
        this.bytes = bytes;
    }

    /**
     * The OpenCL C type name, {@code float} or {@code double}.
     *
     * @return the type name
     */
    public String clType() {
        return clType;
    }

    /**
     * The size of one element in bytes.
     *
     * @return 4 or 8
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Parses {@code float32} or {@code float64} (case-insensitive), as the system property
     * {@code mnistnn.opencl.precision} holds it.
     *
     * @param text the text
     * @return the precision
     * @throws IllegalArgumentException for any other text
     */
    public static Precision parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("float32")) {
            return FLOAT32;
        }
        if (t.equals("float64")) {
            return FLOAT64;
        }
        throw new IllegalArgumentException("precision must be float32 or float64, got '" + text + "'");
    }
}
