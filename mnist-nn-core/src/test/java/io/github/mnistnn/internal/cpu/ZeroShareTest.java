package io.github.mnistnn.internal.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ZeroShare}: exact at the two-thirds threshold on small factors, in float and double; an empty factor is
 * not mostly zeros; NaN is not a zero; a large float factor is judged from its sample, so a share of zeros
 * scattered through it is seen at any size, and only the sampled entries count, while a double one is counted.
 */
class ZeroShareTest {
    @Test
    void moreThanTwoThirdsZerosIsMostlyZerosInFloatAndDouble() {
        assertThat(ZeroShare.mostlyZeros(new float[] {0, 0, 1}, 3)).isFalse();
        assertThat(ZeroShare.mostlyZeros(new float[] {0, 0, 0, 1}, 4)).isTrue();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 1}, 3)).isFalse();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 1}, 4)).isTrue();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 0, 1, 1}, 6)).isFalse();
        assertThat(ZeroShare.mostlyZerosCounted(new double[] {0, 0, 0, 0, 0, 1, 1}, 7)).isTrue();
        assertThat(ZeroShare.mostlyZeros(new float[] {Float.NaN, Float.NaN, 0, 0}, 4)).isFalse();
        assertThat(ZeroShare.mostlyZeros(new float[] {-0f, 0, 0, 5}, 4)).isTrue();
    }

    @Test
    void onlyTheGivenCountIsRead() {
        assertThat(ZeroShare.mostlyZeros(new float[] {1}, 0)).isFalse();
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
        assertThat(ZeroShare.mostlyZeros(images, count)).isTrue();
        float[] activations = new float[count];
        for (int i = 0; i < count; i++) {
            activations[i] = random.nextBoolean() ? 0.5f : 0; // half zeros
        }
        assertThat(ZeroShare.mostlyZeros(activations, count)).isFalse();
        float[] step = new float[count];
        int stride = (count + ZeroShare.SAMPLES - 1) / ZeroShare.SAMPLES;
        Arrays.fill(step, 1f);
        for (int i = 0; i < count; i += stride) {
            step[i] = 0; // the sampled entries are zeros, the others not
        }
        assertThat(ZeroShare.mostlyZeros(step, count)).isTrue();
        double[] counted = new double[count];
        for (int i = 0; i < count; i++) {
            counted[i] = step[i];
        }
        assertThat(ZeroShare.mostlyZerosCounted(counted, count)).isFalse();
    }
}
