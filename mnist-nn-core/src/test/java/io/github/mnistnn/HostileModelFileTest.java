package io.github.mnistnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files built by hand, field by field, with a valid CRC32C: each declares something the loader must
 * refuse with a {@link ModelFormatException} naming the file, before allocating what the file declares.
 */
class HostileModelFileTest {
    private static final long ALLOWED_ALLOCATION = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void refusesHugeDeclaredWidthsQuicklyWithoutAllocatingThem() throws IOException {
        int max = Integer.MAX_VALUE;
        // Layers past one array are refused by NetworkSpec's rule; the rest fit an array but not the file.
        int[][] shapes = {{65536, 65536}, {max, max}, {2, max, max}, {max, 1}, {1, max}, {65536, 65536, 65536, 2},
            {46000, 46000}, {784, 1_000_000}, {2, 40000, 40000}};
        for (int[] shape : shapes) {
            boolean pastOneArray = false;
            for (int k = 1; k < shape.length; k++) {
                pastOneArray |= (long) shape[k - 1] * shape[k] > Integer.MAX_VALUE - 8;
            }
            String fragment = pastOneArray ? "more than one array holds" : "truncated";
            ModelBytes m = ModelBytes.header("0.1.0").i32(shape[0]).i32(shape.length - 1);
            for (int k = 1; k < shape.length; k++) {
                m.i32(shape[k]).utf("SIGMOID");
            }
            Path file = write("huge.mnn", m.i32(0).f64(0.5, 0.25).sealed());
            long started = System.nanoTime();
            long allocated = allocatedBy(() -> assertRefused(file, fragment));
            assertThat(allocated).as("bytes allocated for %s", Arrays.toString(shape)).isLessThan(ALLOWED_ALLOCATION);
            assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(5_000_000_000L);
        }
    }

    @Test
    void refusesHugeLayerAndProvenanceCountsWithoutAllocatingThem() throws IOException {
        Path layers = write("layers.mnn", ModelBytes.header("0.1.0").i32(2).i32(Integer.MAX_VALUE)
                .i32(3).utf("SIGMOID").sealed());
        Path entries = write("entries.mnn", ModelBytes.header("0.1.0").i32(2).i32(1).i32(3).utf("SIGMOID")
                .i32(Integer.MAX_VALUE).utf("seed").utf("1").sealed());
        for (Path file : new Path[] {layers, entries}) {
            long allocated = allocatedBy(() -> assertRefused(file, "truncated"));
            assertThat(allocated).as("bytes allocated for %s", file).isLessThan(ALLOWED_ALLOCATION);
        }
    }

    @Test
    void refusesNegativeAndZeroWidths() throws IOException {
        assertRefused(write("in0.mnn", ModelBytes.header("0.1.0").i32(0).i32(1).i32(3).utf("SIGMOID").i32(0)
                .sealed()), "input");
        assertRefused(write("in-7.mnn", ModelBytes.header("0.1.0").i32(-7).i32(1).i32(3).utf("SIGMOID").i32(0)
                .sealed()), "-7");
        for (int width : new int[] {0, -5, Integer.MIN_VALUE}) {
            Path file = write("w" + width + ".mnn", ModelBytes.header("0.1.0").i32(2).i32(2).i32(3).utf("SIGMOID")
                    .i32(width).utf("SOFTMAX").i32(0).sealed());
            assertRefused(file, "layer 2").hasMessageContaining(Integer.toString(width));
        }
    }

    @Test
    void refusesZeroAndNegativeLayerCounts() throws IOException {
        for (int depth : new int[] {0, -1, Integer.MIN_VALUE}) {
            Path file = write("d" + depth + ".mnn", ModelBytes.header("0.1.0").i32(2).i32(depth).i32(0).sealed());
            assertRefused(file, "declares " + depth + " layers");
        }
    }

    @Test
    void refusesANegativeProvenanceCount() throws IOException {
        Path file = write("p.mnn", ModelBytes.header("0.1.0").i32(1).i32(1).i32(1).utf("SOFTMAX").i32(-3)
                .f64(1, 0).sealed());
        assertRefused(file, "-3 entries");
    }

    @Test
    void refusesMalformedModifiedUtf8() throws IOException {
        byte[][] malformed = {{(byte) 0xC0, 0x20}, {(byte) 0xFF}, {(byte) 0xE0, (byte) 0x80}, {(byte) 0x80}};
        for (byte[] text : malformed) {
            Path library = write("lib.mnn", ModelBytes.header(text).i32(1).i32(1).i32(1).utf("SOFTMAX").i32(0)
                    .f64(1, 0).sealed());
            assertRefused(library, "the library version at byte 12 is not valid modified UTF-8");
            Path activation = write("act.mnn", ModelBytes.header("0.1.0").i32(1).i32(1).i32(1).rawUtf(text).i32(0)
                    .f64(1, 0).sealed());
            assertRefused(activation, "the activation of layer 1 of 1").hasMessageContaining("modified UTF-8");
        }
    }

    @Test
    void refusesAStringLongerThanTheFile() throws IOException {
        ModelBytes m = ModelBytes.header("0.1.0").i32(1).i32(1).i32(1);
        m.out.writeShort(60_000);
        m.out.writeBytes("SOFTMAX");
        assertRefused(write("long.mnn", m.sealed()), "truncated: the activation of layer 1 of 1 needs 60000 bytes");
    }

    @Test
    void refusesAHiddenSoftmaxLayerLikeTheSpecBuilder() throws IOException {
        Path file = write("hidden.mnn", ModelBytes.header("0.1.0").i32(2).i32(2).i32(3).utf("SOFTMAX")
                .i32(2).utf("SOFTMAX").i32(0).f64(new double[2 * 3 + 3 + 3 * 2 + 2]).sealed());
        assertRefused(file, "SOFTMAX");
    }

    @Test
    void refusesBytesAfterTheLastLayerAndNonFiniteWeights() throws IOException {
        assertRefused(write("extra.mnn", ModelBytes.header("0.1.0").i32(1).i32(1).i32(1).utf("SOFTMAX").i32(0)
                .f64(1, 0, 7).sealed()), "8 unexpected bytes after the last layer");
        assertRefused(write("nan.mnn", ModelBytes.header("0.1.0").i32(1).i32(1).i32(1).utf("SOFTMAX").i32(0)
                .f64(Double.NaN, 0).sealed()), "layer 1: weight 0 is NaN");
    }

    @Test
    void refusesEveryTruncationOfASmallValidFileWithOrWithoutAValidChecksum() throws IOException {
        byte[] valid = ModelFile.encode(smallTrained());
        Path file = dir.resolve("cut.mnn");
        Files.write(file, valid);
        assertThat(ModelFile.load(file).provenance()).isPresent();
        for (int length = 0; length < valid.length; length++) {
            Files.write(file, Arrays.copyOf(valid, length));
            assertRefused(file, "", "cut at " + length);
            if (length >= 12 && length + 8 < valid.length) {
                Files.write(file, ModelBytes.seal(Arrays.copyOf(valid, length + 8)));
                assertRefused(file, "", "cut at " + length + " and resealed");
            }
        }
    }

    @Test
    void refusesMissingOrMalformedProvenanceNamingTheEntry() throws IOException {
        Path file = write("prov.mnn", ModelBytes.header("0.1.0").i32(1).i32(1).i32(1).utf("SOFTMAX").i32(1)
                .utf("seed").utf("one").f64(1, 0).sealed());
        assertRefused(file, "the provenance entry 'seed' is 'one', which is not a valid seed");
        byte[] bytes = ModelFile.encode(smallTrained());
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("backend", "backenD");
        Path renamed = write("renamed.mnn", ModelBytes.seal(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertRefused(renamed, "the provenance has no 'backend' entry");
    }

    @Test
    void refusesAFileTooLargeToBeAModelWithoutReadingIt() throws IOException {
        Path file = dir.resolve("sparse.mnn");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        long allocated = allocatedBy(() -> assertRefused(file, "3221225472 bytes, more than"));
        assertThat(allocated).isLessThan(ALLOWED_ALLOCATION);
    }

    @Test
    void refusesADirectoryNamingIt() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        assertRefused(folder, "is a directory");
    }

    private static Network smallTrained() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.SIGMOID).layer(2, Activation.SOFTMAX).build();
        return Trainer.builder().epochs(1).seed(2).build()
                .train(spec, LabeledData.of(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 1}, 2));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file, String fragment) {
        return assertRefused(file, fragment, file.getFileName().toString());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file, String fragment,
            String description) {
        return assertThat(catchThrowable(() -> ModelFile.load(file))).as(description)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": not a usable mnist-nn model: ").hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotEndWith("null").doesNotEndWith(": "));
    }

    private static long allocatedBy(Runnable work) {
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        work.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A model file written field by field, in the order of {@link ModelFile}'s format. */
    private static final class ModelBytes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        static ModelBytes header(String library) throws IOException {
            return header(library.getBytes(StandardCharsets.US_ASCII));
        }

        static ModelBytes header(byte[] library) throws IOException {
            ModelBytes m = new ModelBytes();
            m.out.writeBytes("MNISTNN\n");
            m.out.writeInt(1);
            return m.rawUtf(library);
        }

        ModelBytes i32(int value) throws IOException {
            out.writeInt(value);
            return this;
        }

        ModelBytes utf(String text) throws IOException {
            out.writeUTF(text);
            return this;
        }

        ModelBytes rawUtf(byte[] encoded) throws IOException {
            out.writeShort(encoded.length);
            out.write(encoded);
            return this;
        }

        ModelBytes f64(double... values) throws IOException {
            for (double v : values) {
                out.writeDouble(v);
            }
            return this;
        }

        byte[] sealed() throws IOException {
            out.writeLong(0);
            return seal(bytes.toByteArray());
        }

        /** Overwrites the last 8 bytes with the CRC32C of the others. */
        static byte[] seal(byte[] file) {
            CRC32C crc = new CRC32C();
            crc.update(file, 0, file.length - 8);
            ByteBuffer.wrap(file).putLong(file.length - 8, crc.getValue());
            return file;
        }
    }
}
