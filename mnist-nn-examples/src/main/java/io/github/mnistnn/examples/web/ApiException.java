package io.github.mnistnn.examples.web;

/**
 * A request the API refuses: the HTTP status, the field at fault (or {@code null}) and a message for the client,
 * sent as {@code {"error": message, "field": field}}.
 *
 * <pre>{@code
 * throw new ApiException(400, "pixels", "pixels must hold 784 values, got 3");
 * }</pre>
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
