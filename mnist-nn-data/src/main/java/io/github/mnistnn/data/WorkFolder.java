package io.github.mnistnn.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The temporary folder one fetch works in: {@code .mnist-fetch-*} inside the cache directory (so it is as
 * writable as the cache, and moves out of it are atomic), holding a {@value #LOCK} file locked for as long as
 * the fetch runs. A fetch that was killed leaves its folder behind unlocked; {@link #removeStale} deletes such
 * folders at the start of the next fetch.
 */
final class WorkFolder implements AutoCloseable {
    static final String PREFIX = ".mnist-fetch-";
    static final String LOCK = "lock";
    /** A folder without a lock file is taken for abandoned once it is this old (it lost a race at creation). */
    static final Duration UNLOCKED_AGE = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(WorkFolder.class.getName());

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkFolder(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates and locks a new work folder.
     *
     * @param directory the cache directory, which must exist
     * @return the folder, locked until {@link #close()}
     * @throws IOException if the folder cannot be created or locked
     */
    static WorkFolder create(Path directory) throws IOException {
        Path path = Files.createTempDirectory(directory, PREFIX);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new WorkFolder(path, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            deleteTree(path);
            throw e;
        }
    }

    /**
     * Deletes the work folders in a directory that no running fetch holds: those whose lock file is not
     * locked, and those without a lock file that are older than {@link #UNLOCKED_AGE}. Folders that cannot be
     * deleted are left, and logged.
     *
     * @param directory a directory that may hold work folders; nothing happens if it does not exist
     * @return how many folders were deleted
     */
    static int removeStale(Path directory) {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path p : entries) {
                if (Files.isDirectory(p)) {
                    candidates.add(p);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot list {0} for stale fetch folders: {1}", directory, FailureReason.of(e));
            return 0;
        }
        int removed = 0;
        for (Path p : candidates) {
            try {
                if (isAbandoned(p)) {
                    deleteTree(p);
                    removed++;
                    LOG.log(Level.DEBUG, "removed the stale fetch folder {0}", p);
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove the stale fetch folder {0}: {1}", p, FailureReason.of(e));
            }
        }
        return removed;
    }

    private static boolean isAbandoned(Path folder) throws IOException {
        Path lockFile = folder.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            Instant modified = Files.getLastModifiedTime(folder).toInstant();
            return modified.isBefore(Instant.now().minus(UNLOCKED_AGE));
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false; // another process is fetching
            }
            held.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a fetch in this process holds it
        }
    }

    /**
     * The folder.
     *
     * @return its path, inside the cache directory
     */
    Path path() {
        return path;
    }

    /** Releases the lock and deletes the folder with everything left in it. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            deleteTree(path);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            Collections.reverse(paths);
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
