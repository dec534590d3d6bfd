package io.github.mnistnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cache files one fetcher has checked by content. A file is hashed the first time the fetcher looks at
 * it, and again whenever its size, modification time or identity (inode) changes; nothing on disk is trusted
 * without hashing, so a file damaged or replaced between runs is always caught.
 */
final class VerifiedFiles {
    /** What a file looked like when it matched its pin. */
    private record Stamp(long size, FileTime modified, Object key) {
        static Stamp of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    /**
     * One file's state.
     *
     * @param pin what it should be
     * @param path where it is
     * @param found its SHA-256, or null if there is no such regular file
     */
    record Check(PinnedFile pin, Path path, String found) {
        boolean missing() {
            return found == null;
        }

        boolean verified() {
            return pin.sha256().equals(found);
        }

        /** What is wrong with a present file that is not verified. */
        String damage() {
            return path + " has SHA-256 " + found + ", expected " + pin.sha256() + " (damaged, or replaced by hand)";
        }
    }

    private final Map<Path, Stamp> verified = new ConcurrentHashMap<>();

    /**
     * Checks a file against its pin, hashing it unless it is unchanged since it last matched.
     *
     * @param directory the cache directory
     * @param pin the file's pin
     * @return the check
     * @throws IOException if the file exists but cannot be read
     */
    Check check(Path directory, PinnedFile pin) throws IOException {
        Path p = directory.resolve(pin.name());
        if (!Files.isRegularFile(p)) {
            verified.remove(p);
            return new Check(pin, p, null);
        }
        Stamp before = Stamp.of(p);
        if (before.equals(verified.get(p))) {
            return new Check(pin, p, pin.sha256());
        }
        String found = Sha256.of(p);
        if (found.equals(pin.sha256())) {
            verified.put(p, before);
        } else {
            verified.remove(p);
        }
        return new Check(pin, p, found);
    }

    /**
     * Records a file that was just verified and moved into place.
     *
     * @param path the file in the cache
     * @throws IOException if its attributes cannot be read
     */
    void remember(Path path) throws IOException {
        verified.put(path, Stamp.of(path));
    }
}
