package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.opencl.OpenClBackends;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendUnavailableException;
import io.github.mnistnn.spi.Backends;
import io.github.mnistnn.spi.DeviceMatrix;
import org.junit.jupiter.api.Test;

/** Choosing devices through the builder, the provider and system properties; and the errors when none fits. */
class DeviceSelectionTest {
    @Test
    @RequiresOpenClDevice
    void theBuilderOpensTheFirstDeviceByIndexAndByName() {
        OpenClDevice first = DeviceSelector.all().get(0);
        String part = first.name().substring(0, Math.min(4, first.name().length())).toLowerCase();
        try (Backend byIndex = OpenClBackends.builder().platformIndex(first.platformIndex()).deviceIndex(0).open();
                Backend byName = OpenClBackends.builder().deviceName(part).precision(Precision.FLOAT64).open()) {
            assertThat(byIndex.name()).isEqualTo("opencl:" + first.name());
            assertThat(byName.name()).startsWith("opencl:").endsWith(":float64");
        }
    }

    @Test
    @RequiresOpenClDevice
    void theProviderIsFoundByNameAndReadsSystemProperties() {
        assertThat(Backends.names()).contains("cpu", "opencl");
        String old = System.getProperty(DeviceSelection.PRECISION_PROPERTY);
        System.setProperty(DeviceSelection.PRECISION_PROPERTY, "float64");
        try (Backend backend = Backends.open("opencl")) {
            assertThat(backend.name()).endsWith(":float64");
        } finally {
            restore(DeviceSelection.PRECISION_PROPERTY, old);
        }
    }

    @Test
    @RequiresOpenClDevice
    void aNameThatMatchesNothingListsTheDevicesFound() {
        String name = DeviceSelector.all().get(0).name();
        assertThatThrownBy(() -> OpenClBackends.builder().deviceName("no-such-device-xyz").open())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no-such-device-xyz").hasMessageContaining("Found: ").hasMessageContaining(name)
                .hasMessageContaining(DeviceSelection.DEVICE_PROPERTY);
        assertThatThrownBy(() -> OpenClBackends.builder().platformIndex(99).open())
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("platform 99");
        assertThatThrownBy(() -> OpenClBackends.builder().deviceIndex(99).open())
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("device index 99 is out of range");
    }

    @Test
    void badSystemPropertiesAndIndicesAreRefusedWithTheValue() {
        String old = System.getProperty(DeviceSelection.DEVICE_INDEX_PROPERTY);
        System.setProperty(DeviceSelection.DEVICE_INDEX_PROPERTY, "first");
        try {
            assertThatThrownBy(DeviceSelection::fromSystemProperties).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(DeviceSelection.DEVICE_INDEX_PROPERTY).hasMessageContaining("'first'");
        } finally {
            restore(DeviceSelection.DEVICE_INDEX_PROPERTY, old);
        }
        assertThatThrownBy(() -> Precision.parse("half")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32 or float64").hasMessageContaining("'half'");
        assertThatThrownBy(() -> OpenClBackends.builder().deviceIndex(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @RequiresOpenClDevice
    void aBufferLargerThanTheDeviceAllowsIsRefusedNamingTheShape() {
        try (Backend backend = OpenClAvailability.open(Precision.FLOAT32)) {
            assertThatThrownBy(() -> backend.allocate(1 << 20, 1 << 14).close())
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("allocate 1048576x16384")
                    .hasMessageContaining("bytes");
        }
    }

    @Test
    @RequiresOpenClDevice
    void matricesOfAnotherBackendAndClosedMatricesAreRefused() {
        try (Backend cl = OpenClAvailability.open(Precision.FLOAT32); Backend cpu = Backends.open("cpu");
                DeviceMatrix mine = cl.allocate(2, 2); DeviceMatrix theirs = cpu.allocate(2, 2)) {
            assertThatThrownBy(() -> cl.fill(1, theirs)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another backend");
            DeviceMatrix closed = cl.allocate(3, 1);
            closed.close();
            assertThatThrownBy(() -> cl.fill(1, closed)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(cl.fill(2, mine)).isSameAs(mine);
        }
    }

    private static void restore(String property, String old) {
        if (old == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, old);
        }
    }
}
