package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import java.util.Objects;

/**
 * Which OpenCL device to open and in which precision. Each of platform index, device index and name substring
 * narrows the choice when given; with none, the first GPU is taken, else the first device of any type.
 *
 * <pre>{@code
 * DeviceSelection s = DeviceSelection.fromSystemProperties();   // -Dmnistnn.opencl.device=H100 ...
 * }</pre>
 *
 * @param platformIndex the platform, or -1 for every platform in order
 * @param deviceIndex the device among the remaining candidates, or -1 to take the first GPU (else the first)
 * @param deviceName a case-insensitive substring of the device name, or {@code null}
 * @param precision the precision of the kernels
 */
public record DeviceSelection(int platformIndex, int deviceIndex, String deviceName, Precision precision) {
    /** System property: a substring of the device name. */
    public static final String DEVICE_PROPERTY = "mnistnn.opencl.device";
    /** System property: the platform index. */
    public static final String PLATFORM_PROPERTY = "mnistnn.opencl.platform";
    /** System property: the device index among the candidates. */
    public static final String DEVICE_INDEX_PROPERTY = "mnistnn.opencl.deviceIndex";
    /** System property: {@code float32} or {@code float64}. */
    public static final String PRECISION_PROPERTY = "mnistnn.opencl.precision";

    /**
     * Checks the values.
     *
     * @param platformIndex the platform, or -1
     * @param deviceIndex the device, or -1
     * @param deviceName a name substring, or {@code null}
     * @param precision the precision
     */
    public DeviceSelection {
        if (platformIndex < -1 || deviceIndex < -1) {
            throw new IllegalArgumentException("platform and device indices must be at least 0, got platform "
                    + platformIndex + ", device " + deviceIndex);
        }
        Objects.requireNonNull(precision, "precision");
        if (deviceName != null && deviceName.isBlank()) {
            deviceName = null;
        }
    }

    /**
     * The selection the system properties {@value #PLATFORM_PROPERTY}, {@value #DEVICE_INDEX_PROPERTY},
     * {@value #DEVICE_PROPERTY} and {@value #PRECISION_PROPERTY} describe; unset ones take their defaults.
     *
     * @return the selection
     * @throws IllegalArgumentException if a property holds a value that cannot be parsed
     */
    public static DeviceSelection fromSystemProperties() {
        String precision = System.getProperty(PRECISION_PROPERTY);
        return new DeviceSelection(index(PLATFORM_PROPERTY), index(DEVICE_INDEX_PROPERTY),
                System.getProperty(DEVICE_PROPERTY),
                precision == null ? Precision.FLOAT32 : Precision.parse(precision));
    }

    private static int index(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            int i = Integer.parseInt(value.trim());
            if (i < 0) {
                throw new NumberFormatException("negative");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + property + " must be an index of 0 or more, got '"
                    + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return "platform " + (platformIndex < 0 ? "any" : platformIndex) + ", device "
                + (deviceIndex < 0 ? "first GPU, else first" : deviceIndex)
                + (deviceName == null ? "" : ", name containing '" + deviceName + "'") + ", " + precision;
    }
}
