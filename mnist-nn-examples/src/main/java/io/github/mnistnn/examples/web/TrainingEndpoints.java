package io.github.mnistnn.examples.web;

import io.github.mnistnn.examples.PublishedRecipe;
import io.github.mnistnn.spi.BackendUnavailableException;
import io.github.mnistnn.spi.Backends;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The training endpoints: {@code POST /api/train} (a {@link TrainRequest}; 202 with the run's number, 409 while
 * one runs), {@code POST /api/train/cancel}, {@code GET /api/status} (the latest run, the backends that open
 * here and why the others do not, the recipes, whether a token is needed), {@code GET /api/results} (the latest run that ended with results: its history and
 * the confusion matrices of the training and the test set) and {@code GET /api/events}, the latest run as
 * Server-Sent Events (resumed after {@code Last-Event-ID}; the stream ends with the run's {@code finished}
 * event). When the settings hold a token, starting and cancelling need {@code Authorization: Bearer TOKEN}
 * (401 otherwise).
 *
 * <pre>{@code
 * curl -s -X POST -H 'Content-Type: application/json' -d '{"data": "small", "epochs": 20}' \
 *      http://127.0.0.1:8080/api/train
 * curl -sN http://127.0.0.1:8080/api/events
 * }</pre>
 */
final class TrainingEndpoints {
    /** How long a quiet stream waits before a comment line that keeps it open (and finds a client gone). */
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final TrainingSlot slot;
    private final String token;
    private final Semaphore streams;
    private Map<String, String> backends;

    /**
     * The endpoints.
     *
     * @param slot where runs go
     * @param token what starting and cancelling require, or {@code null}
     * @param maxStreams how many event streams may be open at once (each holds a server thread); past it, 503
     */
    TrainingEndpoints(TrainingSlot slot, String token, int maxStreams) {
        this.slot = slot;
        this.token = token;
        this.streams = new Semaphore(maxStreams);
    }

    void train(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        authorize(exchange);
        String type = exchange.contentType();
        if (!type.equals("application/json") && !type.isEmpty()) {
            throw new ApiException(415, "Content-Type", "send application/json, not '" + type + "'");
        }
        TrainRequest request = TrainRequest.parse(new String(exchange.body(), StandardCharsets.UTF_8));
        TrainingJob job = slot.start(request);
        exchange.sendJson(202, new JsonWriter().beginObject().name("job").value(job.id()).name("state")
                .value("running").name("request").value(request.describe()).name("events").value("/api/events")
                .endObject());
    }

    void cancel(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        authorize(exchange);
        TrainingJob job = slot.cancel();
        exchange.sendJson(202, new JsonWriter().beginObject().name("job").value(job.id()).name("state")
                .value("cancelling").endObject());
    }

    void status(ApiExchange exchange) throws IOException {
        exchange.requireMethod("GET");
        JsonWriter json = new JsonWriter().beginObject().name("tokenRequired").value(token != null)
                .name("backends").beginArray();
        Map<String, String> probed = backends();
        for (Map.Entry<String, String> b : probed.entrySet()) {
            if (b.getValue() == null) {
                json.value(b.getKey());
            }
        }
        json.endArray().name("unavailable").beginObject();
        for (Map.Entry<String, String> b : probed.entrySet()) {
            if (b.getValue() != null) {
                json.name(b.getKey()).value(b.getValue());
            }
        }
        json.endObject().name("recipes").beginArray();
        for (PublishedRecipe recipe : PublishedRecipe.values()) {
            json.beginObject().name("id").value(recipe.id()).name("epochs").value(recipe.epochs()).endObject();
        }
        json.endArray().name("training");
        TrainingJob job = slot.current();
        if (job == null) {
            json.beginObject().name("state").value("idle").endObject();
        } else {
            json.raw(job.status());
        }
        exchange.sendJson(200, json.endObject());
    }

    /**
     * Every backend by name, with {@code null} for one that opens here and why not for one that does not (no
     * OpenCL platform, say); found out once, by each provider's probe (which finds the OpenCL device without
     * building kernels: PoCL's compiler would replace the JVM's signal handlers in a server that may never use it).
     */
    private synchronized Map<String, String> backends() {
        if (backends == null) {
            Map<String, String> probed = new LinkedHashMap<>();
            for (String name : Backends.names()) {
                try {
                    Backends.probe(name);
                    probed.put(name, null);
                } catch (BackendUnavailableException e) {
                    probed.put(name, e.getMessage() == null ? "unavailable" : e.getMessage());
                }
            }
            backends = probed;
        }
        return backends;
    }

    void results(ApiExchange exchange) throws IOException {
        exchange.requireMethod("GET");
        TrainingJob job = slot.lastResults();
        if (job == null) {
            throw new ApiException(404, null, "no training run has ended with results yet; POST /api/train "
                    + "starts one");
        }
        exchange.sendJson(200, job.results());
    }

    void events(ApiExchange exchange) throws IOException {
        exchange.requireMethod("GET");
        TrainingJob job = slot.current();
        if (job == null) {
            throw new ApiException(404, null, "no training run has started; POST /api/train starts one");
        }
        if (!streams.tryAcquire()) {
            exchange.setHeader("Retry-After", "5");
            throw new ApiException(503, null, "too many event streams are open; try again shortly");
        }
        try (OutputStream out = exchange.startStream("text/event-stream; charset=utf-8")) {
            int seen = lastEventId(exchange.header("Last-Event-ID"));
            out.write("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!job.over(seen)) {
                List<String> events = job.eventsAfter(seen, KEEP_ALIVE_MILLIS);
                if (events.isEmpty()) {
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                }
                for (String event : events) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                }
                seen += events.size();
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    /** The number of events a reconnecting client has; 0 for none or anything that is not one. */
    private static int lastEventId(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return 0;
        }
        return Integer.parseInt(header.trim());
    }

    private void authorize(ApiExchange exchange) {
        if (token == null) {
            return;
        }
        String given = exchange.header("Authorization");
        String expected = "Bearer " + token;
        if (given == null || !MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            exchange.setHeader("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "Authorization", "training needs the token the server printed when it "
                    + "started, sent as Authorization: Bearer TOKEN");
        }
    }
}
