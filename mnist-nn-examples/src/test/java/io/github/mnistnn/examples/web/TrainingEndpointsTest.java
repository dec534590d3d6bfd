package io.github.mnistnn.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Evaluation;
import io.github.mnistnn.Network;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import io.github.mnistnn.examples.ExperimentOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training from the page over real HTTP: runs, their event stream, their results, and every refusal. */
class TrainingEndpointsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TOKEN = "0123456789abcdef0123";

    private ModelCatalog models;
    private DigitServer server;

    @BeforeEach
    void start() throws IOException {
        models = new ModelCatalog();
        server = DigitServer.start(ServerSettings.loopback(0), models, ShippedMnist.subset().test(), () -> {
            throw new IOException("no full MNIST in this test");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** The events of the latest run, read from the stream until it ends, after {@code lastEventId} if given. */
    private List<Map<String, Object>> events(String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/events")).timeout(Duration.ofSeconds(120)).GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<Map<String, Object>> events = new ArrayList<>();
        String id = null;
        String name = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                Map<String, Object> data = JsonReader.object(line.substring(6));
                data.put("_event", name);
                data.put("_id", Double.parseDouble(id));
                events.add(data);
            }
        }
        return events;
    }

    private Map<String, Object> waitForEnd() throws Exception {
        for (int i = 0; i < 1200; i++) {
            Map<String, Object> training = training();
            if (!training.get("state").equals("running")) {
                return training;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run did not end within a minute");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> training() throws Exception {
        return (Map<String, Object>) JsonReader.object(get("/api/status").body()).get("training");
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsTheReferenceExperimentAsTheCommandLineWouldAndStreamsEveryEpoch() throws Exception {
        assertThat(training()).containsEntry("state", "idle");
        assertThat((List<Object>) JsonReader.object(get("/api/status").body()).get("backends")).contains("cpu");
        assertThat(get("/api/results").statusCode()).isEqualTo(404);
        assertThat(get("/api/events").statusCode()).isEqualTo(404);

        String body = "{\"data\": \"small\", \"epochs\": 4, \"rule\": \"UHB\", \"learningRate\": 0.05, "
                + "\"hidden\": [20, 12, 8], \"digits\": [0, 1], \"seed\": 7}";
        HttpResponse<String> started = post("/api/train", body);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(JsonReader.object(started.body())).containsEntry("job", 1.0).containsEntry("state", "running");

        List<Map<String, Object>> events = events(null);
        assertThat(events.get(0)).containsEntry("_event", "started");
        assertThat(events.stream().map(e -> e.get("_event")).filter("epoch"::equals)).hasSize(4);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).containsEntry("_id", i + 1.0);
        }
        Map<String, Object> finished = events.get(events.size() - 1);
        assertThat(finished).containsEntry("_event", "finished").containsEntry("state", "done")
                .containsEntry("model", "trained-1");
        assertThat((List<Object>) finished.get("labels")).containsExactly("0", "1", "none");

        // The same run straight through the library gives the same network, so the same confusion matrices.
        ExperimentOptions o = ExperimentOptions.parse("--data", "small", "--epochs", "4", "--rule", "UHB", "--lr",
                "0.05", "--hidden", "20,12,8", "--digits", "0,1", "--seed", "7");
        TrainAndTest data = ShippedMnist.small().digitTask(0, 1);
        Network same = Trainer.builder().rule(BackpropRule.UHB).learningRate(0.05).epochs(4).batchSize(1).seed(7)
                .build().train(o.spec(), data.training());
        assertThat(confusion(finished, "test")).isEqualTo(matrix(same.evaluate(data.test())));
        assertThat(confusion(finished, "training")).isEqualTo(matrix(same.evaluate(data.training())));

        Map<String, Object> results = JsonReader.object(get("/api/results").body());
        assertThat(results).containsEntry("state", "done").containsEntry("job", 1.0);
        assertThat((List<Object>) results.get("history")).hasSize(4);
        assertThat(models.entries()).extracting(ModelCatalog.Entry::id).containsExactly("trained-1");
        double[] image = new double[784];
        data.test().copyFeatures(0, image, 0);
        String predict = new JsonWriter().beginObject().name("pixels").values(image).name("model").value("trained-1")
                .endObject().toString();
        Map<String, Object> answer = JsonReader.object(post("/api/predict", predict).body());
        assertThat((List<Object>) answer.get("probabilities")).containsExactly(box(same.outputs(image)));

        // A client that reconnects after the third event gets the rest, from the fourth on.
        List<Map<String, Object>> resumed = events("3");
        assertThat(resumed.get(0)).containsEntry("_id", 4.0);
        assertThat(resumed).hasSize(events.size() - 3);
    }

    private static Object[] box(double[] values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    @SuppressWarnings("unchecked")
    private static List<List<Double>> confusion(Map<String, Object> results, String set) {
        return (List<List<Double>>) ((Map<String, Object>) results.get(set)).get("confusion");
    }

    private static List<List<Double>> matrix(Evaluation e) {
        List<List<Double>> rows = new ArrayList<>();
        for (long[] row : e.confusionMatrix()) {
            List<Double> r = new ArrayList<>();
            for (long n : row) {
                r.add((double) n);
            }
            rows.add(r);
        }
        return rows;
    }

    @Test
    void runsOneAtATimeAndCancels() throws Exception {
        assertThat(post("/api/train/cancel", "").statusCode()).isEqualTo(409);
        assertThat(post("/api/train", "{\"data\": \"subset\", \"epochs\": 1000}").statusCode()).isEqualTo(202);
        HttpResponse<String> second = post("/api/train", "{\"data\": \"small\", \"epochs\": 1}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JsonReader.object(second.body()).get("error").toString()).contains("still going");

        HttpResponse<String> cancel = post("/api/train/cancel", "");
        assertThat(cancel.statusCode()).isEqualTo(202);
        Map<String, Object> ended = waitForEnd();
        assertThat(ended).containsEntry("state", "cancelled");
        assertThat((Double) ended.get("epochsDone")).isLessThan(1000);
        assertThat(post("/api/train/cancel", "").statusCode()).isEqualTo(409);
        assertThat(models.entries()).as("a cancelled run offers no model").isEmpty();

        assertThat(post("/api/train", "{\"data\": \"small\", \"epochs\": 1}").statusCode()).isEqualTo(202);
        assertThat(waitForEnd()).containsEntry("state", "done").containsEntry("job", 2.0);
    }

    @Test
    void failsARunWhoseDataCannotBeLoadedWithAMessage() throws Exception {
        assertThat(post("/api/train", "{\"data\": \"full\", \"epochs\": 1}").statusCode()).isEqualTo(202);
        Map<String, Object> ended = waitForEnd();
        assertThat(ended).containsEntry("state", "failed");
        assertThat(ended.get("message").toString()).contains("no full MNIST in this test").contains("fetch");
        assertThat(post("/api/train", "{\"recipe\": \"pytorch-portfolio\", \"epochs\": 1}").statusCode())
                .isEqualTo(202);
        assertThat(waitForEnd()).containsEntry("state", "failed");
    }

    @Test
    void refusesBadRequestsNamingTheMember() throws Exception {
        String[][] cases = {
            {"{\"lr\": 0.1}", "lr"},
            {"{\"learningRate\": -1}", "learningRate"},
            {"{\"learningRate\": \"fast\"}", "learningRate"},
            {"{\"epochs\": 0}", "epochs"},
            {"{\"epochs\": 1001}", "epochs"},
            {"{\"epochs\": 2.5}", "epochs"},
            {"{\"hidden\": [64, 32]}", "hidden"},
            {"{\"hidden\": [5000, 32, 16]}", "hidden"},
            {"{\"hidden\": [64, \"x\", 16]}", "hidden"},
            {"{\"digits\": [1, 1]}", "digits"},
            {"{\"digits\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}", "digits"},
            {"{\"rule\": \"XB\"}", "rule"},
            {"{\"data\": \"huge\"}", "data"},
            {"{\"batchSize\": 0}", "batchSize"},
            {"{\"backend\": \"abacus\"}", "backend"},
            {"{\"seed\": null}", "seed"},
            {"{\"recipe\": \"nope\"}", "recipe"},
            {"{\"recipe\": \"keras-cnn\", \"rule\": \"CB\"}", "rule"},
            {"{\"recipe\": \"keras-cnn\", \"epochs\": 0}", "epochs"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post("/api/train", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(JsonReader.object(r.body())).as(c[0]).containsEntry("field", c[1]);
        }
        assertThat(post("/api/train", "{\"epochs\": ").statusCode()).isEqualTo(400);
        assertThat(CLIENT.send(HttpRequest.newBuilder(uri("/api/train")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("epochs=3")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
        assertThat(get("/api/train").statusCode()).isEqualTo(405);
        assertThat(training()).as("nothing started").containsEntry("state", "idle");
    }

    @Test
    void requiresTheTokenWhenTheSettingsHoldOne() throws Exception {
        server.close();
        server = DigitServer.start(ServerSettings.loopback(0).withToken(TOKEN), models,
                ShippedMnist.subset().test());
        assertThat(JsonReader.object(get("/api/status").body())).containsEntry("tokenRequired", true);
        String run = "{\"data\": \"small\", \"epochs\": 1}";
        for (String[] headers : new String[][] {{}, {"Authorization", "Bearer wrong-token-0000000"},
            {"Authorization", TOKEN}}) {
            HttpResponse<String> r = post("/api/train", run, headers);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(JsonReader.object(r.body())).containsEntry("field", "Authorization");
        }
        assertThat(post("/api/train/cancel", "").statusCode()).isEqualTo(401);
        assertThat(post("/api/train", run, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(202);
        assertThat(waitForEnd()).containsEntry("state", "done");
        assertThat(get("/api/results").statusCode()).as("reading needs no token").isEqualTo(200);
    }

    @Test
    void makesATokenOffLoopbackOnly() throws Exception {
        assertThat(ServerSettings.loopback(0).token()).isNull();
        assertThat(ServerSettings.loopback(0).withAddress(InetAddress.getByName("::1")).token()).isNull();
        String any = ServerSettings.loopback(0).withAddress(InetAddress.getByName("0.0.0.0")).token();
        String again = ServerSettings.loopback(0).withAddress(InetAddress.getByName("0.0.0.0")).token();
        assertThat(any).matches("[0-9a-f]{32}").isNotEqualTo(again);
        assertThat(ServerSettings.loopback(0).withToken(TOKEN).withAddress(InetAddress.getByName("0.0.0.0"))
                .token()).isEqualTo(TOKEN);
    }
}
