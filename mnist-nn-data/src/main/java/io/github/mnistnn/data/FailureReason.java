package io.github.mnistnn.data;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says in a few words why an operation failed, for the fetcher's messages: never just a path (a
 * {@link FileSystemException}'s message is often only the file) and never {@code null} (the HTTP client throws
 * exceptions without messages).
 */
final class FailureReason {
    private FailureReason() {
    }

    /**
     * The reason an exception stands for.
     *
     * @param e what was thrown
     * @return a short phrase such as {@code /x/y: permission denied} or {@code unknown host}
     */
    static String of(Throwable e) {
        if (e instanceof FileSystemException f) {
            return fileSystem(f);
        }
        if (root(e) instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection in time";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response in time";
        }
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        Throwable cause = e.getCause();
        return cause == null || cause == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + of(cause);
    }

    /**
     * The reason an exception stands for, naming a file even where the exception does not.
     *
     * @param e what was thrown
     * @param about the file the operation was on
     * @return the reason, which contains the file's path
     */
    static String of(Throwable e, Path about) {
        String reason = of(e);
        return reason.contains(about.toString()) ? reason : about + ": " + reason;
    }

    private static String fileSystem(FileSystemException e) {
        String file = e.getFile() == null ? "a file" : e.getFile();
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        if (e instanceof FileAlreadyExistsException) {
            Path p = Path.of(file);
            return file + other + (Files.exists(p) && !Files.isDirectory(p)
                    ? " already exists and is not a directory" : " already exists");
        }
        if (e instanceof NoSuchFileException) {
            return file + other + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return file + other + ": permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return file + " is not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return file + " is not empty";
        }
        String reason = e.getReason();
        return file + other + ": " + (reason == null || reason.isBlank() ? e.getClass().getSimpleName() : reason);
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        return t;
    }
}
