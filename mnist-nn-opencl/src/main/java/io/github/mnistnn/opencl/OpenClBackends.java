package io.github.mnistnn.opencl;

import io.github.mnistnn.opencl.internal.DeviceSelection;
import io.github.mnistnn.opencl.internal.OpenClBackendProvider;
import io.github.mnistnn.spi.Backend;

/**
 * Opens the OpenCL backend on a chosen device. Without a choice it takes the first GPU, and if there is none the
 * first OpenCL device of any type (logged; this is still OpenCL, never the CPU backend). Platform index, name
 * substring and device index each narrow the candidates: devices of the chosen platform (all platforms in order
 * when none is chosen) whose name contains the substring (case-insensitive); the device index then picks among
 * those. {@code Backends.open("opencl")} does the same from the system properties {@code mnistnn.opencl.platform},
 * {@code mnistnn.opencl.deviceIndex}, {@code mnistnn.opencl.device} and {@code mnistnn.opencl.precision}.
 *
 * <pre>{@code
 * try (Backend gpu = OpenClBackends.builder().deviceName("H100").precision(Precision.FLOAT32).open()) {
 *     Network net = Trainer.builder().backend(gpu).build().train(NetworkSpec.reference(5), data);
 * }
 * }</pre>
 */
public final class OpenClBackends {
    private OpenClBackends() {
    }

    /**
     * Starts a device choice with the defaults: any platform, the first GPU (else the first device), float32.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Chooses an OpenCL device and precision, then opens a backend on it. */
    public static final class Builder {
        private int platformIndex = -1;
        private int deviceIndex = -1;
        private String deviceName;
        private Precision precision = Precision.FLOAT32;

        private Builder() {
        }

        /**
         * Only devices of this platform (the order {@code clinfo -l} lists them in).
         *
         * @param index at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder platformIndex(int index) {
            this.platformIndex = requireIndex("platform", index);
            return this;
        }

        /**
         * The device at this position among the candidates left by the platform and name choices.
         *
         * @param index at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder deviceIndex(int index) {
            this.deviceIndex = requireIndex("device", index);
            return this;
        }

        /**
         * Only devices whose name contains this text, ignoring case (such as {@code "H100"}).
         *
         * @param substring the text; blank means any name
         * @return this builder
         */
        public Builder deviceName(String substring) {
            this.deviceName = substring;
            return this;
        }

        /**
         * The kernels' precision; {@link Precision#FLOAT64} needs a device with {@code cl_khr_fp64}.
         *
         * @param precision the precision
         * @return this builder
         */
        public Builder precision(Precision precision) {
            if (precision == null) {
                throw new IllegalArgumentException("precision must not be null");
            }
            this.precision = precision;
            return this;
        }

        /**
         * Takes every choice that the system properties {@code mnistnn.opencl.*} make, over this builder's.
         *
         * @return this builder
         * @throws IllegalArgumentException if a property cannot be parsed
         */
        public Builder systemProperties() {
            DeviceSelection s = DeviceSelection.fromSystemProperties();
            platformIndex = s.platformIndex() >= 0 ? s.platformIndex() : platformIndex;
            deviceIndex = s.deviceIndex() >= 0 ? s.deviceIndex() : deviceIndex;
            deviceName = s.deviceName() != null ? s.deviceName() : deviceName;
            precision = System.getProperty(DeviceSelection.PRECISION_PROPERTY) != null ? s.precision() : precision;
            return this;
        }

        /**
         * Opens a new backend on the chosen device.
         *
         * @return the backend, owned by the caller
         * @throws io.github.mnistnn.spi.BackendUnavailableException if the OpenCL library, a platform or a matching
         *     device is missing, if float64 is asked of a device without it, or if the kernels fail to build;
         *     the message says what to install or change
         */
        public Backend open() {
            return OpenClBackendProvider.open(new DeviceSelection(platformIndex, deviceIndex, deviceName, precision));
        }

        private static int requireIndex(String what, int index) {
            if (index < 0) {
                throw new IllegalArgumentException(what + " index must be at least 0, got " + index);
            }
            return index;
        }
    }
}
