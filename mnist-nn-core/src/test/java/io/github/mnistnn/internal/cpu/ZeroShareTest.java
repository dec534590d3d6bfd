package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ZeroShare}: exact at its thresholds on small factors (two thirds in double; three quarters for a wide
 * float32 product, six sevenths for a narrow one); an empty factor is never sparse; NaN is not a zero; a large float factor is judged from its sample, so a share of zeros
 * scattered through it is seen at any size, and only the sampled entries count, while a double one is counted.
 */
class ZeroShareTest {
    @Test
    void theThresholdsAreExactOnSmallFactors() {
        int wide = ZeroShare.WIDE;
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 1}, 4, wide)).isFalse();
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 0, 1}, 5, wide)).isTrue();
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 0, 1}, 5, wide - 1)).isFalse();
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 0, 0, 0, 1}, 7, wide - 1)).isFalse();
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 0, 0, 0, 0, 1}, 8, wide - 1)).isTrue();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 1}, 3)).isFalse();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 1}, 4)).isTrue();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 0, 1, 1}, 6)).isFalse();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 0, 0, 1, 1}, 7)).isTrue();
        assertThat(ZeroShare.sparseFaster(new float[] {Float.NaN, Float.NaN, 0, 0, 0, 0}, 6, wide)).isFalse();
        assertThat(ZeroShare.sparseFaster(new float[] {-0f, 0, 0, 0, 5}, 5, wide)).isTrue();
    }

    @Test
    void onlyTheGivenCountIsRead() {
        assertThat(ZeroShare.sparseFaster(new float[] {1}, 0, ZeroShare.WIDE)).isFalse();
        assertThat(ZeroShare.sparseFaster(new float[] {0, 0, 0, 1, 0, 0, 0}, 4, ZeroShare.WIDE)).isFalse();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 7}, 3)).isTrue();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 3)).isFalse();
    }

    @Test
    void aLargeFactorIsJudgedFromAnEvenSample() {
        int count = 128 * 784;
        SplittableRandom random = new SplittableRandom(3);
        float[] images = new float[count];
        for (int i = 0; i < count; i++) {
            images[i] = random.nextInt(5) == 0 ? 0.5f : 0; // 20 % non-zero
        }
        assertThat(ZeroShare.sparseFaster(images, count, 512)).isTrue();
        assertThat(ZeroShare.sparseFaster(images, count, 32)).isFalse();
        float[] activations = new float[count];
        for (int i = 0; i < count; i++) {
            activations[i] = random.nextBoolean() ? 0.5f : 0; // half zeros
        }
        assertThat(ZeroShare.sparseFaster(activations, count, 512)).isFalse();
        float[] step = new float[count];
        int stride = (count + ZeroShare.SAMPLES - 1) / ZeroShare.SAMPLES;
        Arrays.fill(step, 1f);
        for (int i = 0; i < count; i += stride) {
            step[i] = 0; // the sampled entries are zeros, the others not
        }
        assertThat(ZeroShare.sparseFaster(step, count, 32)).isTrue();
        double[] counted = new double[count];
        for (int i = 0; i < count; i++) {
            counted[i] = step[i];
        }
        assertThat(ZeroShare.mostlyZerosCounted(counted, count)).isFalse();
    }
}
