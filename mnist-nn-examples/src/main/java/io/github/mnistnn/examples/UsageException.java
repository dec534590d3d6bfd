package io.github.mnistnn.examples;

/**
 * A command-line option was missing or had a bad value; the message is one line for the user.
 *
 * <pre>{@code
 * throw new UsageException("--lr: expected a number above 0, got 'fast'");
 * }</pre>
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line saying what was wrong
     */
    public UsageException(String message) {
        super(message);
    }
}
