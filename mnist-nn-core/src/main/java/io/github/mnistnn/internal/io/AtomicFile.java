package io.github.mnistnn.internal.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically. The content goes to a temporary file with a short hidden name in the target's
 * folder ({@code .mnistnn-1a2b3c4d.tmp}, whatever the length of the target's name), which is forced to disk
 * and renamed over the target. The temporary file is created like any new file, so it gets the permissions
 * the umask gives; when it replaces a file it takes that file's permissions. On any failure the temporary file
 * is deleted and the target is left as it was.
 *
 * <p>Machinery, not API: the package is exported only to mnist-nn's own modules (models, training histories,
 * plots).
 *
 * <pre>{@code
 * AtomicFile.replace(Path.of("results/history.csv"), "history", out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFile {
    private static final int ATTEMPTS = 100;

    /** Writes the content of a file to a stream; closing that stream is allowed and does nothing. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream to the temporary file
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes a file through a temporary file and an atomic rename, creating missing parent folders.
     *
     * @param file the target; replaced if it exists
     * @param what what the file holds, for messages ("model")
     * @param content writes the bytes
     * @throws FileSystemException if the target is a folder
     * @throws IOException naming the target if it cannot be written
     */
    public static void replace(Path file, String what, Content content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null || Files.isDirectory(absolute)) {
            throw new FileSystemException(file.toString(), null,
                    "is a directory; the " + what + " must be saved to a file in it");
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemporary(dir);
            copyPermissions(absolute, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new Unclosable(out));
                out.flush();
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            IOException failure = new IOException("cannot write the " + what + " " + file + ": " + describe(e), e);
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException again) {
                    failure.addSuppressed(again);
                }
            }
            throw failure;
        }
    }

    private static Path createTemporary(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temp = dir.resolve(String.format(".mnistnn-%08x.tmp", ThreadLocalRandom.current().nextInt()));
            try {
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Gives the temporary file the permissions of the file it will replace, where there is one. */
    private static void copyPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            view.setPermissions(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    /** Passes writes through; {@code close} only flushes, because the file is forced and closed afterwards. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
