package io.github.mnistnn.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens the files the readers are given so that every failure names the file: a missing file, a directory or
 * a file that cannot be opened is refused before anything is read, with the path and the reason in the
 * message ({@link FileSystemException#getFile()} and {@link FileSystemException#getReason()}), and a read
 * error later on is an {@link IOException} whose message starts with the path.
 */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Checks that a path names something readable as a file: it exists and is not a directory.
     *
     * @param file the path given to a reader
     * @param kind what the reader expects there, such as {@code "a CSV file"}, for the message
     * @return the file's attributes
     * @throws NoSuchFileException if nothing is there
     * @throws FileSystemException if it is a directory, or its attributes cannot be read
     */
    static BasicFileAttributes requireFile(Path file, String kind) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw withReason(e, file, "no such file (expected " + kind + ")");
        } catch (AccessDeniedException e) {
            throw withReason(e, file, "permission denied (expected " + kind + ")");
        }
        if (attributes.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a directory, expected " + kind);
        }
        return attributes;
    }

    /**
     * Opens a file for reading after {@link #requireFile}; the stream's read errors name the file.
     *
     * @param file the path given to a reader
     * @param kind what the reader expects there, for the message
     * @return the open stream, unbuffered
     * @throws IOException as {@link #requireFile}, or if the file cannot be opened
     */
    static InputStream open(Path file, String kind) throws IOException {
        requireFile(file, kind);
        try {
            return new PathNamingInputStream(Files.newInputStream(file), file);
        } catch (NoSuchFileException e) {
            throw withReason(e, file, "no such file (expected " + kind + ")");
        } catch (AccessDeniedException e) {
            throw withReason(e, file, "permission denied (expected " + kind + ")");
        }
    }

    private static FileSystemException withReason(FileSystemException e, Path file, String reason) {
        FileSystemException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(file.toString(), null, reason)
                : new NoSuchFileException(file.toString(), null, reason);
        named.initCause(e);
        return named;
    }

    /** Prefixes the path to the message of every I/O error the underlying stream throws. */
    private static final class PathNamingInputStream extends FilterInputStream {
        private final Path file;

        PathNamingInputStream(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return super.available();
            } catch (IOException e) {
                throw named(e);
            }
        }

        private IOException named(IOException e) {
            if (e instanceof FileSystemException || e instanceof MnistFormatException) {
                return e;
            }
            return new IOException(file + ": cannot be read: " + FailureReason.of(e), e);
        }
    }
}
