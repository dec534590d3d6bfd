package io.github.mnistnn.benchmarks;

import io.github.mnistnn.Activation;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
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
 * The web app's {@code POST /api/predict} under load on loopback: eight client threads, each with its own HTTP
 * client, post the 784 grey values of a shipped test image as JSON, for a fixed time, to a {@link DigitServer} in
 * the same JVM predicting with one of the jar's pretrained models; with {@code training=true} a training run of
 * the reference network goes on in the background all the while. Throughput in requests per millisecond,
 * latency (with its percentiles) in milliseconds; any answer but 200 fails the run.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PredictLoad -p model=reference -p training=false,true
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(8)
public class PredictLoad {
    /** The pretrained model predicting. */
    @Param({"reference"})
    public String model;

    /** Whether a training run goes on in the background. */
    @Param({"false", "true"})
    public boolean training;

    private DigitServer server;
    private Thread trainer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private String[] bodies;
    private URI predict;

    /** One client's connection, and which image it posts next. */
    @State(Scope.Thread)
    public static class Client {
        private final HttpClient http = HttpClient.newHttpClient();
        private int next;
    }

    /**
     * Starts the server and, when asked, the background training.
     *
     * @throws IOException if the server cannot listen
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Dataset test = ShippedMnist.subset().test();
        server = DigitServer.start(ServerSettings.loopback(0).withRateLimit(1e7, 2e7), ModelCatalog.bundled(), test);
        predict = URI.create("http://127.0.0.1:" + server.port() + "/api/predict?model=" + model);
        bodies = new String[test.size()];
        double[] x = new double[test.inputWidth()];
        for (int i = 0; i < bodies.length; i++) {
            test.copyFeatures(i, x, 0);
            StringBuilder json = new StringBuilder("{\"pixels\":[");
            for (int p = 0; p < x.length; p++) {
                json.append(p == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", x[p]));
            }
            bodies[i] = json.append("]}").toString();
        }
        if (training) {
            Dataset data = ShippedMnist.subset().training();
            trainer = new Thread(() -> {
                NetworkSpec spec = NetworkSpec.builder(784).layer(64, Activation.SIGMOID).layer(32, Activation.SIGMOID)
                        .layer(16, Activation.SIGMOID).layer(10, Activation.SOFTMAX).build();
                Trainer t = Trainer.builder().learningRate(0.01).epochs(1).seed(1).build();
                while (!stop.get()) {
                    t.train(spec, data);
                }
            }, "background-training");
            trainer.setDaemon(true);
            trainer.start();
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
        String body = bodies[client.next++ % bodies.length];
        HttpResponse<String> r = client.http.send(HttpRequest.newBuilder(predict)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().length();
    }
}
