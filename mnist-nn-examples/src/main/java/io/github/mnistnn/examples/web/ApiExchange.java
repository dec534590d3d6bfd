package io.github.mnistnn.examples.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One request and its response, with the rules every response follows: the security headers, a body read up
 * to a limit (413 past it, before more is read), JSON out with its content type, errors as JSON.
 *
 * <pre>{@code
 * ApiExchange exchange = new ApiExchange(httpExchange, 65_536);
 * exchange.sendJson(200, new JsonWriter().beginObject().name("status").value("ok").endObject());
 * }</pre>
 */
final class ApiExchange {
    /** Scripts, styles and images from this server only; no framing, no plugins, no form posts elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final HttpExchange exchange;
    private final int maxBody;

    ApiExchange(HttpExchange exchange, int maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String query() {
        return exchange.getRequestURI().getRawQuery();
    }

    String client() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    /** The request's content type without parameters, lower case, or "" for none. */
    String contentType() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Refuses any method but {@code allowed} with 405. */
    void requireMethod(String allowed) {
        if (!method().equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiException(405, null, path() + " takes " + allowed + ", not " + method());
        }
    }

    /** The body, refused with 413 once it passes the limit (a declared length past it is refused unread). */
    byte[] body() throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBody) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ApiException(400, null, "Content-Length is not a number: " + declared);
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) > 0;) {
            if (out.size() + n > maxBody) {
                throw tooLarge();
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private ApiException tooLarge() {
        return new ApiException(413, null, "the body is larger than the " + maxBody + " bytes this server takes");
    }

    void sendJson(int status, JsonWriter json) throws IOException {
        send(status, "application/json; charset=utf-8", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    void sendError(ApiException e) throws IOException {
        JsonWriter json = new JsonWriter().beginObject().name("error").value(e.getMessage());
        if (e.field() != null) {
            json.name("field").value(e.field());
        }
        sendJson(e.status(), json.endObject());
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        setHeaders(contentType);
        boolean head = method().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Starts a 200 response of unknown length (chunked), for a stream of events; the caller writes, flushes
     * and closes it.
     *
     * @param contentType its type
     * @return the body
     * @throws IOException if the client went away
     */
    OutputStream startStream(String contentType) throws IOException {
        setHeaders(contentType);
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private void setHeaders(String contentType) {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        if (path().startsWith("/api/")) {
            h.set("Cache-Control", "no-store");
        }
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }
}
