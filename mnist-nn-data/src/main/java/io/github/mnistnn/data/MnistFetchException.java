package io.github.mnistnn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The full MNIST set could not be fetched or verified. The message says why, and which files to put in which
 * directory by hand to do without the fetch.
 *
 * <pre>{@code
 * try {
 *     Path dir = MnistFetcher.defaultCache().fetch();
 * } catch (MnistFetchException e) {
 *     System.err.println(e.getMessage()); // why, then the four files and where they go
 * }
 * }</pre>
 */
public final class MnistFetchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: a {@link Path} is not serialisable. */
    private final transient Path directory;

    MnistFetchException(String message, Path directory, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    /**
     * The directory the four IDX files belong in.
     *
     * @return the fetcher's directory, or null after deserialisation
     */
    public Path directory() {
        return directory;
    }
}
