package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread count defaults to the cores, follows the property, and never exceeds the cores. */
class CpuThreadsTest {
    private final int before = CpuThreads.count();

    @AfterEach
    void restore() {
        CpuThreads.setCount(before);
    }

    @Test
    void defaultsToTheCoresWithoutTheProperty() {
        assertThat(CpuThreads.initialCount(null, 8)).isEqualTo(8);
        assertThat(CpuThreads.initialCount(" ", 8)).isEqualTo(8);
    }

    @Test
    void followsThePropertyWithinTheCores() {
        assertThat(CpuThreads.initialCount("3", 8)).isEqualTo(3);
        assertThat(CpuThreads.initialCount("1", 2)).isEqualTo(1);
    }

    @Test
    void clampsAPropertyOutsideTheCoresAndIgnoresOneThatIsNotANumber() {
        assertThat(CpuThreads.initialCount("64", 2)).isEqualTo(2);
        assertThat(CpuThreads.initialCount("0", 2)).isEqualTo(1);
        assertThat(CpuThreads.initialCount("many", 2)).isEqualTo(2);
    }

    @Test
    void refusesACountAboveTheCoresOrBelowOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThatThrownBy(() -> CpuThreads.setCount(cores + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(cores + 1));
        assertThatThrownBy(() -> CpuThreads.setCount(0)).isInstanceOf(IllegalArgumentException.class);
        CpuThreads.setCount(1);
        assertThat(CpuThreads.count()).isEqualTo(1);
    }
}
