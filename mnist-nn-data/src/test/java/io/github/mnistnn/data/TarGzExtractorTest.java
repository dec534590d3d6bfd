package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarGzExtractorTest {
    private static final String ENTRY = "package/data/alpha";
    private static final int PINNED = 10 * 1024;

    @TempDir
    Path temp;

    private Path out() throws IOException {
        return Files.createDirectories(temp.resolve("out"));
    }

    private Map<String, TarGzExtractor.WantedEntry> wantAlpha() throws IOException {
        return Map.of(ENTRY, new TarGzExtractor.WantedEntry(out().resolve("alpha"), PINNED));
    }

    private static byte[] content(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        return data;
    }

    /** The bytes of every file under {@code out}, added up. */
    private long bytesWritten() throws IOException {
        try (Stream<Path> files = Files.walk(out())) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private IOException extractFails(Path archive) throws IOException {
        Map<String, TarGzExtractor.WantedEntry> wanted = wantAlpha();
        return catchThrowableOfType(IOException.class, () -> TarGzExtractor.extract(archive, wanted));
    }

    private static byte[] sizeField(int... bytes) {
        byte[] field = new byte[12];
        for (int i = 0; i < bytes.length; i++) {
            field[i] = (byte) bytes[i];
        }
        return field;
    }

    @Test
    void extractsTheWantedEntryOfItsPinnedSizeAndSkipsTheRest() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.US_ASCII));
        entries.put(ENTRY, content(PINNED));
        Path archive = temp.resolve("ok.tgz");
        TarFixtureWriter.write(archive, entries);

        Set<String> written = TarGzExtractor.extract(archive, wantAlpha());

        assertThat(written).containsExactly(ENTRY);
        assertThat(Files.readAllBytes(out().resolve("alpha"))).isEqualTo(content(PINNED));
        assertThat(bytesWritten()).isEqualTo(PINNED);
    }

    @Test
    void refusesAnEntryDeclaringFarMoreThanItsPinnedSizeBeforeWritingAnyOfIt() throws IOException {
        long declared = 64L << 20; // 64 MiB of zeros: a small archive that would fill the disk
        Path archive = temp.resolve("bomb.tgz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(archive))) {
            gz.write(TarFixtureWriter.header(ENTRY, declared));
            byte[] zeros = new byte[1 << 20];
            for (long left = declared; left > 0; left -= zeros.length) {
                gz.write(zeros);
            }
            gz.write(TarFixtureWriter.end());
        }
        assertThat(Files.size(archive)).isLessThan(1L << 20);

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), "tar entry \"" + ENTRY + "\"",
                "declares " + declared + " bytes, expected exactly " + PINNED, "nothing of it was written");
        assertThat(bytesWritten()).isLessThanOrEqualTo(PINNED);
        assertThat(out().resolve("alpha")).doesNotExist();
    }

    @Test
    void refusesAnEntryDeclaringLessThanItsPinnedSize() throws IOException {
        Path archive = temp.resolve("short.tgz");
        TarFixtureWriter.write(archive, Map.of(ENTRY, content(PINNED - 1)));

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), ENTRY,
                "declares " + (PINNED - 1) + " bytes, expected exactly " + PINNED);
        assertThat(out().resolve("alpha")).doesNotExist();
    }

    @Test
    void refusesANegativeBase256Size() throws IOException {
        Path archive = temp.resolve("negative.tgz");
        byte[] minusOne = sizeField(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, minusOne), content(PINNED),
                TarFixtureWriter.end());

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), "tar entry \"" + ENTRY + "\"",
                "a negative base-256 size field", "\\xff");
        assertThat(bytesWritten()).isZero();
    }

    @Test
    void refusesABase256SizeTooLargeForALong() throws IOException {
        Path archive = temp.resolve("huge.tgz");
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, sizeField(0x80, 0, 0, 1)),
                TarFixtureWriter.end());

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), ENTRY, "too large for 63 bits");
    }

    @Test
    void acceptsAPositiveBase256SizeEqualToThePinnedSize() throws IOException {
        Path archive = temp.resolve("base256.tgz");
        byte[] field = sizeField(0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, PINNED >> 8, PINNED & 0xFF);
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, field), content(PINNED),
                TarFixtureWriter.padding(PINNED), TarFixtureWriter.end());

        assertThat(TarGzExtractor.extract(archive, wantAlpha())).containsExactly(ENTRY);
        assertThat(Files.readAllBytes(out().resolve("alpha"))).isEqualTo(content(PINNED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000002x000\0", "0000024000\0x", "000000240000", "\0\0\0\0\0\0\0\0\0\0\0\0",
        "   -24000  \0"})
    void refusesGarbageOctalSizeFields(String field) throws IOException {
        byte[] bytes = Arrays.copyOf(field.getBytes(StandardCharsets.ISO_8859_1), 12);
        Path archive = temp.resolve("garbage.tgz");
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, bytes), content(PINNED),
                TarFixtureWriter.end());

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), "tar entry \"" + ENTRY + "\"", "size field")
                .containsAnyOf("not octal", "unterminated", "without octal digits");
        assertThat(bytesWritten()).isZero();
    }

    @Test
    void acceptsAnOctalSizeWithLeadingSpacesAndSpaceTerminator() throws IOException {
        Path archive = temp.resolve("spaces.tgz");
        byte[] field = Arrays.copyOf("   24000 \0\0".getBytes(StandardCharsets.US_ASCII), 12);
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, field), content(PINNED),
                TarFixtureWriter.padding(PINNED), TarFixtureWriter.end());

        assertThat(TarGzExtractor.extract(archive, wantAlpha())).containsExactly(ENTRY);
    }

    @Test
    void truncatedEntryLeavesNoPartialFile() throws IOException {
        Path archive = temp.resolve("truncated.tgz");
        TarFixtureWriter.writeGzipped(archive, TarFixtureWriter.header(ENTRY, PINNED), content(PINNED / 2));

        IOException e = extractFails(archive);

        assertThat(e.getMessage()).contains(archive.toString(), ENTRY, "only " + PINNED / 2 + " of its " + PINNED,
                "archive truncated");
        assertThat(out().resolve("alpha")).doesNotExist();
    }

    @Test
    void refusesTrailingBytesAfterTheGzipStream() throws IOException {
        Path archive = temp.resolve("trailing.tgz");
        TarFixtureWriter.write(archive, Map.of(ENTRY, content(PINNED)));
        Files.write(archive, "trailing garbage".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

        MnistFormatException e = catchThrowableOfType(MnistFormatException.class,
                () -> TarGzExtractor.extract(archive, wantAlpha()));

        assertThat(e.source()).isEqualTo(archive.toString());
        assertThat(e.getMessage()).contains(archive.toString(), "a further gzip member", "after member 1",
                "0x74 0x72");
    }

    @Test
    void readsAnArchiveSplitOverTwoGzipMembers() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(TarFixtureWriter.header(ENTRY, PINNED));
        tar.write(content(PINNED));
        tar.write(TarFixtureWriter.padding(PINNED));
        tar.write(TarFixtureWriter.end());
        byte[] bytes = tar.toByteArray();
        Path archive = temp.resolve("two-members.tgz");
        Files.write(archive, concat(IdxFixtureWriter.gzip(Arrays.copyOfRange(bytes, 0, 700)),
                IdxFixtureWriter.gzip(Arrays.copyOfRange(bytes, 700, bytes.length))));

        assertThat(TarGzExtractor.extract(archive, wantAlpha())).containsExactly(ENTRY);
        assertThat(Files.readAllBytes(out().resolve("alpha"))).isEqualTo(content(PINNED));
    }

    @Test
    void refusesADirectoryAsTheArchive() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("a-directory.tgz"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> TarGzExtractor.extract(dir, wantAlpha()));

        assertThat(e.getFile()).isEqualTo(dir.toString());
        assertThat(e.getMessage()).contains(dir.toString(), "is a directory");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
