package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mnistnn.Misclassification;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.ShippedMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MistakeGalleryTest {
    /** The first ten test images, digits 7, 2, 1, 0, 4, 1, 4, 9, 5, 9, as the reference's five classes. */
    private static final Dataset TEST = ShippedMnist.small().test().digitTask(0, 1, 2, 3);
    private static final List<String> NAMES = List.of("0", "1", "2", "3", "none");

    @TempDir
    Path dir;

    private static List<Misclassification> mistakes(int n) {
        List<Misclassification> list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int index = k % TEST.size();
            int actual = TEST.label(index);
            list.add(new Misclassification(index, actual, (actual + 1) % 5, 0.9));
        }
        return list;
    }

    @Test
    void captionsShowTheDigitBehindTheNoneClass() {
        assertThat(MistakeGallery.caption(new Misclassification(0, 4, 2, 0.97), TEST, NAMES, "->"))
                .isEqualTo("true 7 (none) -> 2");
        assertThat(MistakeGallery.caption(new Misclassification(2, 1, 3, 0.5), TEST, NAMES, "->"))
                .isEqualTo("true 1 -> 3");
        assertThat(MistakeGallery.caption(new Misclassification(1, 2, 4, 0.5), TEST, NAMES, "->"))
                .isEqualTo("true 2 -> none");
    }

    @Test
    void drawsRowsOfSixAndAtMost24Images() throws IOException {
        Path file = dir.resolve("gallery.png");
        MistakeGallery.write(mistakes(7), TEST, NAMES, file);
        BufferedImage two = ImageIO.read(file.toFile());
        MistakeGallery.write(mistakes(30), TEST, NAMES, file);
        BufferedImage four = ImageIO.read(file.toFile());
        assertThat(two.getWidth()).isEqualTo(four.getWidth()).isEqualTo(932);
        int row = (four.getHeight() - two.getHeight()) / 2;
        assertThat(row).as("one row of images and captions").isGreaterThan(84);
        assertThat(four.getHeight() - two.getHeight()).isEqualTo(2 * row);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void drawsTheInkOfTheImageDarkOnWhite() throws IOException {
        Path file = dir.resolve("one.png");
        MistakeGallery.write(List.of(new Misclassification(0, 4, 2, 0.97)), TEST, NAMES, file);
        BufferedImage gallery = ImageIO.read(file.toFile());
        byte[] seven = TEST.image(0);
        int left = 16 + (150 - 84) / 2;
        int top = 44;
        int checked = 0;
        for (int p = 0; p < seven.length; p++) {
            int expected = 255 - (seven[p] & 0xFF);
            int x = left + (p % 28) * 3 + 1;
            int y = top + (p / 28) * 3 + 1;
            assertThat(gallery.getRGB(x, y) & 0xFF).as("pixel %d", p).isEqualTo(expected);
            checked += expected < 128 ? 1 : 0;
        }
        assertThat(checked).as("dark pixels of the 7").isGreaterThan(50);
    }

    @Test
    void writesAGalleryEvenWithoutMistakes() throws IOException {
        Path file = dir.resolve("none.png");
        MistakeGallery.write(List.of(), TEST, NAMES, file);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(932);
    }

    @Test
    void refusesMistakesThatDoNotFitTheData() {
        Path file = dir.resolve("bad.png");
        assertThatThrownBy(() -> MistakeGallery.write(List.of(new Misclassification(10, 0, 1, 0.5)), TEST, NAMES, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 10")
                .hasMessageContaining("10 images");
        assertThatThrownBy(() -> MistakeGallery.write(List.of(new Misclassification(0, 4, 5, 0.5)), TEST, NAMES, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 class names");
        assertThat(file).doesNotExist();
    }
}
