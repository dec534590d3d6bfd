package io.github.mnistnn.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP mirror on 127.0.0.1 for the fetcher tests: serves files from memory under {@code /mnist/}, each in a
 * chosen way (whole, cut short, stalled, 404). It records the paths asked for.
 */
final class LoopbackMirror implements AutoCloseable {
    /** How a file is served. */
    enum Behaviour {
        /** Status 200, the whole body. */
        WHOLE,
        /** Status 200 announcing the whole length, half the body, then the connection closes. */
        TRUNCATED,
        /** Status 200 announcing the whole length, a few bytes, then nothing until the server closes. */
        STALLED,
        /** Nothing at all, not even the status line, until the server closes. */
        SILENT,
        /** Status 404. */
        NOT_FOUND
    }

    private record Served(byte[] body, Behaviour behaviour) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-mirror");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    LoopbackMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mnist/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves a file whole. */
    LoopbackMirror serve(String name, byte[] body) {
        return serve(name, body, Behaviour.WHOLE);
    }

    LoopbackMirror serve(String name, byte[] body, Behaviour behaviour) {
        files.put(name, new Served(body.clone(), behaviour));
        return this;
    }

    /** The mirror's base URI, ending in {@code /mnist/}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    /** The file names asked for, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
        requested.add(name);
        Served served = files.get(name);
        try (exchange) {
            if (served == null || served.behaviour() == Behaviour.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (served.behaviour() == Behaviour.SILENT) {
                pause();
                return;
            }
            byte[] body = served.body();
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            switch (served.behaviour()) {
                case WHOLE -> out.write(body);
                case TRUNCATED -> {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                }
                case STALLED -> {
                    out.write(body, 0, Math.min(4, body.length));
                    out.flush();
                    pause();
                }
                default -> throw new AssertionError(served.behaviour());
            }
        } catch (IOException e) {
            // a cut-short body cannot be closed cleanly; the client sees the connection end
        }
    }

    /** Waits until the server closes (which interrupts the handlers), or 30 s. */
    private static void pause() {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
