package io.github.mnistnn.data;

import static io.github.mnistnn.data.TinyMnist.TEST_IMAGES;
import static io.github.mnistnn.data.TinyMnist.TRAIN_IMAGES;
import static io.github.mnistnn.data.TinyMnist.TRAIN_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mnistnn.data.LoopbackMirror.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher's HTTP path against mirrors on 127.0.0.1 that the tests start; never the real network. */
class MirrorSourceTest {
    @TempDir
    Path temp;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    private Path cache() {
        return temp.resolve("cache");
    }

    private MnistFetcher fetcher(List<PinnedFile> pins, LoopbackMirror... mirrors) {
        return MnistFetcher.builder().directory(cache())
                .sources(Stream.of(mirrors).map(m -> MnistSource.mirror(m.base())).toList()).pins(pins)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(400)).progress(progress::add)
                .build();
    }

    private List<Path> workFolders() throws IOException {
        try (Stream<Path> files = Files.list(cache())) {
            return files.filter(p -> p.getFileName().toString().startsWith(WorkFolder.PREFIX)).toList();
        }
    }

    @Test
    void fetchesTheFourGzippedFilesFromAGoodMirrorAndLoadsThem() throws IOException {
        try (LoopbackMirror mirror = TinyMnist.goodMirror()) {
            MnistFetcher fetcher = fetcher(TinyMnist.PINS, mirror);

            assertThat(fetcher.fetch()).isEqualTo(cache().toAbsolutePath());

            for (String name : TinyMnist.FILES.keySet()) {
                assertThat(Files.readAllBytes(cache().resolve(name))).isEqualTo(TinyMnist.FILES.get(name));
            }
            assertThat(fetcher.loadTraining().size()).isEqualTo(3);
            assertThat(fetcher.loadTest().size()).isEqualTo(2);
            assertThat(progress).anySatisfy(l -> assertThat(l).isEqualTo("fetching " + mirror.base() + TRAIN_IMAGES
                    + ".gz"));
            assertThat(progress).anySatisfy(l -> assertThat(l).endsWith(TRAIN_IMAGES + " verified and in place"));
            assertThat(workFolders()).isEmpty();
            assertThat(mirror.requested()).hasSize(4);
            // Verified files need no second download.
            fetcher.fetch();
            assertThat(mirror.requested()).hasSize(4);
        }
    }

    @Test
    void wrongFileOnTheFirstMirrorFallsThroughToTheNextMirror() throws IOException {
        byte[] wrong = IdxFixtureWriter.gzip(TinyMnist.FILES.get(TEST_IMAGES));
        try (LoopbackMirror bad = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz", wrong);
                LoopbackMirror good = TinyMnist.goodMirror()) {
            fetcher(TinyMnist.PINS, bad, good).fetch();

            assertThat(Files.readAllBytes(cache().resolve(TRAIN_IMAGES))).isEqualTo(TinyMnist.FILES.get(TRAIN_IMAGES));
            assertThat(progress).contains(bad.base() + TRAIN_IMAGES + ".gz: has SHA-256 " + TinyMnist.sha256(wrong)
                    + ", expected " + TinyMnist.PINS.get(0).gzSha256());
            assertThat(good.requested()).containsExactly(TRAIN_IMAGES + ".gz");
        }
    }

    @Test
    void wrongContentWithoutAGzipPinIsCaughtAfterDecompression() throws IOException {
        byte[] wrong = IdxFixtureWriter.gzip(TinyMnist.FILES.get(TEST_IMAGES));
        try (LoopbackMirror bad = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz", wrong)) {
            MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                    fetcher(TinyMnist.UNCOMPRESSED_PINS, bad)::fetch);

            assertThat(e.getMessage()).contains("no source delivered a verified " + TRAIN_IMAGES + " (1 source tried)",
                    bad.base() + ": the fetched " + TRAIN_IMAGES + " has SHA-256 "
                            + TinyMnist.sha256(TinyMnist.FILES.get(TEST_IMAGES)) + ", expected "
                            + TinyMnist.PINS.get(0).sha256() + "; not used");
            assertThat(cache().resolve(TRAIN_IMAGES)).doesNotExist();
            assertThat(cache().resolve(TRAIN_LABELS)).exists();
            assertThat(workFolders()).isEmpty();
        }
    }

    @Test
    void truncatedBodyIsReportedAndTheNextMirrorServesTheFile() throws IOException {
        try (LoopbackMirror cut = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz", TinyMnist.gzip(TRAIN_IMAGES),
                Behaviour.TRUNCATED); LoopbackMirror good = TinyMnist.goodMirror()) {
            fetcher(TinyMnist.PINS, cut, good).fetch();

            assertThat(progress).anySatisfy(l -> assertThat(l).startsWith(cut.base() + TRAIN_IMAGES + ".gz: the body ")
                    .containsPattern("(broke off|ended) after \\d+ of the \\d+ bytes announced"));
            assertThat(Files.readAllBytes(cache().resolve(TRAIN_IMAGES))).isEqualTo(TinyMnist.FILES.get(TRAIN_IMAGES));
        }
    }

    @Test
    void notFoundIsReportedWithTheUriAndStatus() throws IOException {
        try (LoopbackMirror mirror = TinyMnist.goodMirror().serve(TRAIN_LABELS + ".gz", new byte[0],
                Behaviour.NOT_FOUND)) {
            MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                    fetcher(TinyMnist.PINS, mirror)::fetch);

            assertThat(e.getMessage()).contains(mirror.base() + TRAIN_LABELS + ".gz: HTTP status 404",
                    "no source delivered a verified " + TRAIN_LABELS, "To install it by hand")
                    .doesNotContain("null");
            assertThat(cache().resolve(TRAIN_IMAGES)).exists();
        }
    }

    @Test
    void stalledMirrorTimesOutAndIsNotAskedForTheOtherFiles() throws IOException {
        try (LoopbackMirror stalled = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz",
                TinyMnist.gzip(TRAIN_IMAGES), Behaviour.STALLED); LoopbackMirror good = TinyMnist.goodMirror()) {
            long start = System.nanoTime();

            fetcher(TinyMnist.PINS, stalled, good).fetch();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(progress).contains(stalled.base() + TRAIN_IMAGES + ".gz: no data for 400 ms after 4 bytes"
                    + " (stalled); not asked for the other 3 file(s)");
            assertThat(stalled.requested()).containsExactly(TRAIN_IMAGES + ".gz");
            assertThat(good.requested()).hasSize(4);
        }
    }

    @Test
    void mirrorThatNeverAnswersTimesOutAndTheNextMirrorServes() throws IOException {
        try (LoopbackMirror silent = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz", new byte[0],
                Behaviour.SILENT); LoopbackMirror good = TinyMnist.goodMirror()) {
            fetcher(TinyMnist.PINS, silent, good).fetch();

            assertThat(progress).contains(silent.base() + TRAIN_IMAGES + ".gz: no response in time (waited 400 ms);"
                    + " not asked for the other 3 file(s)");
            assertThat(good.requested()).hasSize(4);
        }
    }

    @Test
    void unreachableMirrorFallsThroughWithAReasonThatIsNotNull() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
        try (LoopbackMirror good = TinyMnist.goodMirror()) {
            MnistFetcher fetcher = MnistFetcher.builder().directory(cache()).pins(TinyMnist.PINS)
                    .sources(List.of(MnistSource.mirror(nowhere), MnistSource.mirror(good.base())))
                    .progress(progress::add).build();

            fetcher.fetch();

            assertThat(progress).contains(nowhere + TRAIN_IMAGES + ".gz: connection refused; not asked for the"
                    + " other 3 file(s)");
            assertThat(good.requested()).hasSize(4);
        }
    }

    @Test
    void bodyLongerThanThePinIsCutOff() throws IOException {
        byte[] huge = new byte[(int) TinyMnist.PINS.get(0).gzSize() + 100_000];
        try (LoopbackMirror mirror = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz", huge)) {
            MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                    fetcher(TinyMnist.PINS, mirror)::fetch);

            assertThat(e.getMessage()).contains(mirror.base() + TRAIN_IMAGES + ".gz: the server announces "
                    + huge.length + " bytes, more than the " + TinyMnist.PINS.get(0).gzSize() + " expected");
        }
    }

    @Test
    void bodyThatIsNotGzipIsReported() throws IOException {
        try (LoopbackMirror mirror = TinyMnist.goodMirror().serve(TRAIN_IMAGES + ".gz",
                TinyMnist.FILES.get(TRAIN_IMAGES))) {
            MnistFetchException e = catchThrowableOfType(MnistFetchException.class,
                    fetcher(TinyMnist.UNCOMPRESSED_PINS, mirror)::fetch);

            assertThat(e.getMessage()).contains(mirror.base() + TRAIN_IMAGES + ".gz: is not valid gzip data (");
        }
    }

    @Test
    void mirrorMustBeAnAbsoluteHttpUriAndGetsAFinalSlash() {
        assertThat(MnistSource.mirror(URI.create("https://example.org/mnist"))).hasToString(
                "https://example.org/mnist/");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> MnistSource.mirror(URI.create("ftp://example.org/mnist/")))).hasMessageContaining(
                "a mirror must be an absolute http or https URI, not ftp://example.org/mnist/");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> MnistSource.mirror(URI.create("mnist/")))).hasMessageContaining("not mnist/");
    }
}
