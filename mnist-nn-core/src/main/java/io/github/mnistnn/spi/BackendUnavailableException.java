package io.github.mnistnn.spi;

/**
 * A backend could not be found or opened: no provider of that name, two providers of one name, or a device
 * or driver that is missing. The message says what to install or change.
 *
 * <pre>{@code
 * try (Backend backend = Backends.open("opencl")) {
 *     // ...
 * } catch (BackendUnavailableException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and what to do
     */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is missing and what to do
     * @param cause the underlying failure
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
