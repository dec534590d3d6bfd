package io.github.mnistnn.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mnistnn.Layer;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.Mnist;
import io.github.mnistnn.examples.FullMnist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The draw-and-predict web app and its JSON API on the JDK's own HTTP server: the page ({@code /}, with its
 * script and style, nothing fetched from elsewhere), {@code GET /api/health}, {@code GET /api/models},
 * {@code POST /api/predict}, {@code GET /api/sample_images}, and training from the page ({@code POST /api/train},
 * {@code POST /api/train/cancel}, {@code GET /api/status}, {@code GET /api/events}, {@code GET /api/results};
 * see {@link TrainingEndpoints}). Every response carries the security headers of
 * {@link ApiExchange}; each client is held to a rate ({@code 429} with {@code Retry-After} past it); a bad
 * request is answered {@code 4xx} with a JSON error naming the field, never with a stack trace.
 *
 * <pre>{@code
 * try (DigitServer server = DigitServer.start(ServerSettings.loopback(8080), ModelCatalog.bundled(), images)) {
 *     System.out.println("http://127.0.0.1:" + server.port() + "/");
 * }
 * }</pre>
 */
public final class DigitServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DigitServer.class.getName());
    private static final Map<String, String> PAGE = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/style.css", "style.css");

    static {
        // Small JSON answers on keep-alive connections otherwise wait out the peer's delayed ACK (Nagle's
        // algorithm): about 40 ms a request on Linux loopback. Read once, when the JDK's server first starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ServerSettings settings;
    private final ModelCatalog models;
    private final ClientRateLimit limit;
    private final PredictEndpoint predict;
    private final SampleImagesEndpoint samples;
    private final TrainingSlot training;
    private final TrainingEndpoints trainingEndpoints;

    private DigitServer(ServerSettings settings, ModelCatalog models, Dataset sampleImages, FullMnist full)
            throws IOException {
        this.settings = settings;
        this.models = models;
        this.limit = new ClientRateLimit(settings.requestsPerSecond(), settings.burst());
        this.predict = new PredictEndpoint(models);
        this.samples = new SampleImagesEndpoint(sampleImages);
        this.training = new TrainingSlot(models, full);
        this.trainingEndpoints = new TrainingEndpoints(training, settings.token(),
                Math.max(1, settings.threads() / 2));
        this.server = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 512);
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "digit-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::dispatch);
    }

    /**
     * Starts a server.
     *
     * @param settings where it listens and its limits
     * @param models the models it predicts with
     * @param sampleImages the test images {@code /api/sample_images} draws from
     * @return the running server
     * @throws IOException if it cannot listen there (the port taken, say)
     */
    public static DigitServer start(ServerSettings settings, ModelCatalog models, Dataset sampleImages)
            throws IOException {
        return start(settings, models, sampleImages, Mnist::full);
    }

    /**
     * Starts a server whose training runs on the full MNIST take it from {@code full}.
     *
     * @param settings where it listens and its limits
     * @param models the models it predicts with, where the networks trained from the page are added
     * @param sampleImages the test images {@code /api/sample_images} draws from
     * @param full where runs with {@code "data": "full"} and recipes get the full MNIST
     * @return the running server
     * @throws IOException if it cannot listen there (the port taken, say)
     */
    public static DigitServer start(ServerSettings settings, ModelCatalog models, Dataset sampleImages,
            FullMnist full) throws IOException {
        DigitServer s = new DigitServer(settings, models, sampleImages, full);
        s.server.start();
        return s;
    }

    /**
     * The port listened on (the one chosen when the settings asked for any).
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange raw) {
        ApiExchange exchange = new ApiExchange(raw, settings.maxBodyBytes());
        try {
            try {
                route(exchange);
            } catch (ApiException e) {
                exchange.sendError(e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "internal error answering " + exchange.method() + " " + exchange.path(), e);
                exchange.sendError(new ApiException(500, null, "internal error: " + e.getClass().getSimpleName()));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "the client went away: " + e.getMessage());
        } finally {
            raw.close();
        }
    }

    private void route(ApiExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/api/")) {
            long wait = limit.acquire(exchange.client(), System.nanoTime());
            if (wait > 0) {
                exchange.setHeader("Retry-After", Long.toString(wait));
                throw new ApiException(429, null, "too many requests; try again in " + wait + " s");
            }
        }
        switch (path) {
            case "/api/health" -> {
                exchange.requireMethod("GET");
                exchange.sendJson(200, new JsonWriter().beginObject().name("status").value("ok")
                        .name("version").value(ModelFile.libraryVersion())
                        .name("models").value(models.entries().size()).endObject());
            }
            case "/api/models" -> {
                exchange.requireMethod("GET");
                exchange.sendJson(200, modelList());
            }
            case "/api/predict" -> predict.handle(exchange);
            case "/api/sample_images" -> samples.handle(exchange);
            case "/api/train" -> trainingEndpoints.train(exchange);
            case "/api/train/cancel" -> trainingEndpoints.cancel(exchange);
            case "/api/status" -> trainingEndpoints.status(exchange);
            case "/api/results" -> trainingEndpoints.results(exchange);
            case "/api/events" -> trainingEndpoints.events(exchange);
            default -> page(exchange, path);
        }
    }

    private JsonWriter modelList() {
        JsonWriter json = new JsonWriter().beginObject().name("models").beginArray();
        for (ModelCatalog.Entry e : models.entries()) {
            json.beginObject().name("id").value(e.id()).name("description").value(e.description())
                    .name("input").value(e.network().inputShape().toString())
                    .name("layers").beginArray();
            for (Layer layer : e.network().layers()) {
                json.value(layer.toString());
            }
            json.endArray().name("labels").beginArray();
            for (String label : e.labels()) {
                json.value(label);
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject();
    }

    private void page(ApiExchange exchange, String path) throws IOException {
        String file = PAGE.get(path);
        if (file == null) {
            throw new ApiException(404, null, "nothing at " + path);
        }
        if (!exchange.method().equals("HEAD")) {
            exchange.requireMethod("GET");
        }
        try (InputStream in = DigitServer.class.getResourceAsStream("page/" + file)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the jar lacks page/" + file));
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                    : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            exchange.send(200, type, in.readAllBytes());
        }
    }

    /**
     * Stops listening, cancels a training run in progress, lets requests in flight finish for up to a second,
     * and stops the threads.
     */
    @Override
    public void close() {
        training.close();
        server.stop(1);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
