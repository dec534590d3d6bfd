package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Activation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.DeviceMatrix;
import org.junit.jupiter.api.Test;

/** Every {@code cl_*} handle the backend creates is released: the live count returns to its baseline. */
@RequiresOpenClDevice
class HandleLeakTest {
    private static final LabeledData TINY = LabeledData.of(new double[][] {{0, 0, 1}, {0, 1, 0}, {1, 0, 0},
        {1, 1, 1}, {0.5, 0, 0.5}, {0, 0.5, 1}}, new int[] {0, 1, 1, 0, 1, 0}, 2);
    private static final NetworkSpec SMALL = NetworkSpec.builder(3).layer(4, Activation.SIGMOID)
            .layer(2, Activation.SOFTMAX).build();

    @Test
    void thousandSmallNetworksTrainedAndClosedLeaveNoHandles() {
        try (Backend backend = OpenClAvailability.open(Precision.FLOAT32)) {
            int baseline = ClHandle.live();
            for (int i = 0; i < 1000; i++) {
                // Alternate the fused online path and mini-batches through the primitive kernels.
                Trainer trainer = Trainer.builder().backend(backend).seed(i).learningRate(0.1)
                        .batchSize(i % 2 == 0 ? 1 : 4).build();
                trainer.train(SMALL, TINY);
            }
            assertThat(ClHandle.live()).as("live handles after 1,000 networks").isEqualTo(baseline);
        }
    }

    @Test
    void openingAndClosingBackendsLeavesNoHandles() {
        int baseline = ClHandle.live();
        for (int i = 0; i < 10; i++) {
            try (Backend backend = OpenClAvailability.open(i % 2 == 0 ? Precision.FLOAT32 : Precision.FLOAT64)) {
                Trainer.builder().backend(backend).build().train(SMALL, TINY);
                assertThat(ClHandle.live()).as("an open backend holds handles").isGreaterThan(baseline);
            }
        }
        assertThat(ClHandle.live()).as("live handles after 10 backends").isEqualTo(baseline);
    }

    @Test
    void closingTwiceReleasesOnce() {
        int baseline = ClHandle.live();
        Backend backend = OpenClAvailability.open(Precision.FLOAT32);
        var m = backend.allocate(2, 2);
        m.close();
        m.close();
        backend.close();
        backend.close();
        assertThat(ClHandle.live()).isEqualTo(baseline);
    }

    @Test
    void aReshapedViewReleasesNothingAndIsClosedWithItsOwner() {
        try (Backend backend = OpenClAvailability.open(Precision.FLOAT32)) {
            int baseline = ClHandle.live();
            DeviceMatrix m = backend.allocate(4, 6);
            DeviceMatrix view = backend.reshape(m, 8, 3);
            DeviceMatrix viewOfView = backend.reshape(view, 24, 1);
            assertThat(ClHandle.live()).as("views own no handle").isEqualTo(baseline + 1);
            view.close();
            viewOfView.close();
            assertThat(ClHandle.live()).as("closing views releases nothing").isEqualTo(baseline + 1);
            assertThat(backend.fill(2, m)).isSameAs(m);
            m.close();
            assertThat(ClHandle.live()).as("the owner releases the buffer").isEqualTo(baseline);
            assertThatThrownBy(() -> backend.fill(1, viewOfView)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> backend.reshape(m, 2, 12)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
