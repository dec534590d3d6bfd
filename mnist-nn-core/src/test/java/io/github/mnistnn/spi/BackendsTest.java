package io.github.mnistnn.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void opensAndProbesTheCpuBackendByName() {
        assertThat(Backends.names()).contains("cpu");
        Backends.probe("cpu");
        try (Backend cpu = Backends.open("cpu")) {
            assertThat(cpu.name()).isEqualTo("cpu");
        }
    }

    @Test
    void refusesAnUnknownNameWhetherOpenedOrProbed() {
        assertThatThrownBy(() -> Backends.open("quantum")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no backend named 'quantum'").hasMessageContaining("cpu");
        assertThatThrownBy(() -> Backends.probe("quantum")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no backend named 'quantum'");
    }
}
