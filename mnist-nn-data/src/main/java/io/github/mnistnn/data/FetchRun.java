package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One fetch of the files a {@link MnistFetcher} found missing or damaged: makes the directory, removes work
 * folders that killed fetches left, then asks each source in turn for the files still wanted, checks what it
 * delivers against the pins and moves each verified file into place.
 */
final class FetchRun {
    private static final System.Logger LOG = System.getLogger(FetchRun.class.getName());

    private final Path directory;
    private final String directoryOrigin;
    private final List<MnistSource> sources;
    private final String sourcesProblem;
    private final List<PinnedFile> pins;
    private final VerifiedFiles verified;
    private final FetchSession session;

    FetchRun(Path directory, String directoryOrigin, List<MnistSource> sources, String sourcesProblem,
            List<PinnedFile> pins, VerifiedFiles verified, FetchSession session) {
        this.directory = directory;
        this.directoryOrigin = directoryOrigin;
        this.sources = sources;
        this.sourcesProblem = sourcesProblem;
        this.pins = pins;
        this.verified = verified;
        this.session = session;
    }

    /**
     * Fetches the wanted files.
     *
     * @param wanted the files to get
     * @param damaged what is wrong with those of them that are present, for the message if they stay so
     * @throws MnistFetchException if the directory cannot be used or a file stays wanted
     * @throws InterruptedIOException if the thread is interrupted
     */
    void fetch(List<PinnedFile> wanted, Map<PinnedFile, String> damaged) throws IOException {
        if (sourcesProblem != null) {
            throw failure("no source to fetch from: " + sourcesProblem, damaged, null);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw failure("cannot create the directory" + directoryOrigin + ": " + FailureReason.of(e), damaged, e);
        }
        WorkFolder.removeStale(directory);
        if (directory.getParent() != null) {
            WorkFolder.removeStale(directory.getParent()); // where earlier versions put their work folders
        }
        WorkFolder work;
        try {
            work = WorkFolder.create(directory);
        } catch (IOException e) {
            throw failure("cannot create a work folder in it" + directoryOrigin + ": " + FailureReason.of(e),
                    damaged, e);
        }
        List<PinnedFile> remaining = new ArrayList<>(wanted);
        try {
            for (int i = 0; i < sources.size() && !remaining.isEmpty(); i++) {
                Path own = Files.createDirectory(work.path().resolve("source-" + i));
                Map<PinnedFile, Path> got = sources.get(i).fetch(List.copyOf(remaining), own, session);
                for (Map.Entry<PinnedFile, Path> e : got.entrySet()) {
                    if (accept(sources.get(i), e.getKey(), e.getValue())) {
                        remaining.remove(e.getKey());
                    }
                }
                WorkFolder.deleteTree(own);
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw failure("the fetch failed: " + FailureReason.of(e), damaged, e);
        } finally {
            try {
                work.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove the work folder {0} (the next fetch will): {1}", work.path(),
                        FailureReason.of(e));
            }
        }
        if (!remaining.isEmpty()) {
            List<String> details = new ArrayList<>(session.failures());
            for (PinnedFile f : remaining) {
                if (damaged.containsKey(f)) {
                    details.add(damaged.get(f) + "; left as it is");
                }
            }
            String names = remaining.stream().map(PinnedFile::name).collect(Collectors.joining(", "));
            throw failure("no source delivered a verified " + names + " (" + sources.size()
                    + (sources.size() == 1 ? " source" : " sources") + " tried)", details, null);
        }
    }

    /** Checks a delivered file and moves it into place if it matches its pin. */
    private boolean accept(MnistSource source, PinnedFile f, Path delivered) throws IOException {
        String found = Sha256.of(delivered);
        if (!found.equals(f.sha256())) {
            session.failed(source + ": the fetched " + f.name() + " has SHA-256 " + found + ", expected "
                    + f.sha256() + "; not used");
            return false;
        }
        Path target = directory.resolve(f.name());
        moveAtomically(delivered, target);
        verified.remember(target);
        session.progress(target + " verified and in place");
        return true;
    }

    private MnistFetchException failure(String reason, Map<PinnedFile, String> damaged, Throwable cause) {
        return failure(reason, List.copyOf(damaged.values()), cause);
    }

    private MnistFetchException failure(String reason, List<String> details, Throwable cause) {
        return FetchFailure.of(directory, pins, reason, details, cause);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
