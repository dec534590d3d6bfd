package io.github.mnistnn.benchmarks;

import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.examples.web.DigitServer;
import io.github.mnistnn.examples.web.ModelCatalog;
import io.github.mnistnn.examples.web.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The web app's {@code POST /api/predict} under load on loopback: eight client threads post the 784 grey values
 * of a shipped test image as JSON, for a fixed time, to a {@link DigitServer} in the same JVM predicting with one
 * of the jar's pretrained models; with {@code training=true} the server's own training from the page (the
 * reference experiment on the shipped subset, started through {@code POST /api/train} and started again
 * whenever it ends) goes on all the while. The clients are either the JDK's {@code java.net.http} client, one
 * each ({@code client=jdk}), or a {@link KeepAliveConnection} each, a bare HTTP/1.1 connection that costs the
 * shared cores next to nothing ({@code client=keepalive}). Throughput in requests per millisecond, latency (with
 * its percentiles) in milliseconds; any answer but 200 fails the run.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PredictLoad -p client=keepalive -p training=false,true
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(8)
public class PredictLoad {
    /** The pretrained model predicting. */
    @Param({"reference"})
    public String model;

    /** Whether a training run goes on in the background. */
    @Param({"false", "true"})
    public boolean training;

    /** The clients: the JDK's HTTP client or a bare keep-alive connection each. */
    @Param({"keepalive", "jdk"})
    public String client;

    private DigitServer server;
    private Thread trainer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private String[] bodies;
    private byte[][] requests;
    private URI predict;

    /** One client's connection, and which image it posts next. */
    @State(Scope.Thread)
    public static class Client {
        private HttpClient http;
        private KeepAliveConnection connection;
        private int next;

        /**
         * Opens this thread's client of the kind asked for.
         *
         * @param load the benchmark's state
         */
        @Setup(Level.Trial)
        public void open(PredictLoad load) {
            if (load.client.equals("jdk")) {
                http = HttpClient.newHttpClient();
            } else {
                connection = new KeepAliveConnection(load.server.port());
            }
        }

        /**
         * Closes the connection.
         *
         * @throws IOException if closing fails
         */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * Starts the server and, when asked, the background training.
     *
     * @throws IOException if the server cannot listen
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!client.equals("jdk") && !client.equals("keepalive")) {
            throw new IllegalArgumentException("client is jdk or keepalive, not " + client);
        }
        Dataset test = ShippedMnist.subset().test();
        server = DigitServer.start(ServerSettings.loopback(0).withRateLimit(1e7, 2e7), ModelCatalog.bundled(), test);
        String path = "/api/predict?model=" + model;
        predict = URI.create("http://127.0.0.1:" + server.port() + path);
        bodies = new String[test.size()];
        requests = new byte[test.size()][];
        double[] x = new double[test.inputWidth()];
        for (int i = 0; i < bodies.length; i++) {
            test.copyFeatures(i, x, 0);
            StringBuilder json = new StringBuilder("{\"pixels\":[");
            for (int p = 0; p < x.length; p++) {
                json.append(p == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", x[p]));
            }
            bodies[i] = json.append("]}").toString();
            requests[i] = KeepAliveConnection.post(server.port(), path, "application/json", bodies[i]);
        }
        if (training) {
            byte[] run = KeepAliveConnection.post(server.port(), "/api/train", "application/json",
                    "{\"data\": \"subset\", \"epochs\": 1000}");
            trainer = new Thread(() -> keepTraining(run), "background-training");
            trainer.setDaemon(true);
            trainer.start();
        }
    }

    /** Starts a run on the server, and another whenever one ends (409 while one runs). */
    private void keepTraining(byte[] run) {
        try (KeepAliveConnection c = new KeepAliveConnection(server.port())) {
            while (!stop.get()) {
                int status = c.exchange(run);
                if (status != 202 && status != 409) {
                    throw new IllegalStateException("POST /api/train answered " + status + ": " + c.body());
                }
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException e) {
            if (!stop.get()) {
                throw new IllegalStateException("the background training stopped", e);
            }
        }
    }
    /** Stops the training and the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop.set(true);
        if (trainer != null) {
            trainer.join();
        }
        server.close();
    }

    /**
     * One prediction over HTTP.
     *
     * @param client this thread's connection
     * @return the response's length
     * @throws Exception if the request fails or is not answered 200
     */
    @Benchmark
    public int predict(Client client) throws Exception {
        int image = client.next++ % bodies.length;
        if (client.connection != null) {
            int status = client.connection.exchange(requests[image]);
            if (status != 200) {
                throw new IllegalStateException("answered " + status + ": " + client.connection.body());
            }
            return status;
        }
        HttpResponse<String> r = client.http.send(HttpRequest.newBuilder(predict)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies[image]))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().length();
    }
}
