package io.github.mnistnn.benchmarks;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A load generator's HTTP/1.1 client: one keep-alive connection on which requests made in advance are written
 * and each answer (with a {@code Content-Length}) is read whole before the next, on the calling thread. It does
 * as little as a client can, so that on a machine whose cores the clients share with the server the figures
 * are the server's and not the client library's.
 *
 * <pre>{@code
 * try (KeepAliveConnection c = new KeepAliveConnection(8080)) {
 *     int status = c.exchange(KeepAliveConnection.post(8080, "/api/predict", "application/json", body));
 * }
 * }</pre>
 */
final class KeepAliveConnection implements Closeable {
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[8192];
    private int bodyLength;

    KeepAliveConnection(int port) {
        this.port = port;
    }

    /**
     * A whole {@code POST} request.
     *
     * @param port the server's port on loopback
     * @param path the path and query
     * @param type the body's content type
     * @param body the body
     * @return the request's bytes
     */
    static byte[] post(int port, String path, String type, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = String.format(Locale.ROOT, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\n"
                + "Content-Length: %d\r\n\r\n", path, port, type, content.length).getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + content.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /**
     * Sends a request and reads its answer, connecting first if the last answer closed the connection.
     *
     * @param request the whole request
     * @return the answer's status
     * @throws IOException if the connection fails or the answer is not HTTP/1.1 with a length
     */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int length = -1;
        boolean close = false;
        for (String header; !(header = line()).isEmpty();) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (length < 0) {
            throw new IOException("the answer has no Content-Length");
        }
        if (body.length < length) {
            body = new byte[length];
        }
        for (int read = 0; read < length;) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new IOException("the connection closed inside an answer");
            }
            read += n;
        }
        bodyLength = length;
        if (close) {
            close();
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    /** The last answer's body as text. */
    String body() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new IOException("the connection closed inside an answer's head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
