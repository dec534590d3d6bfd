package io.github.mnistnn.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.DigitCanvas;
import io.github.mnistnn.data.ShippedMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web app's endpoints over real HTTP on loopback: good requests, and bad ones answered as JSON errors. */
class DigitServerTest {
    private static Network network;
    private static Dataset test;
    private static DigitServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        test = ShippedMnist.subset().test();
        network = Trainer.builder().learningRate(0.05).epochs(3).batchSize(10).seed(3).build()
                .train(NetworkSpec.builder(784).layer(32, Activation.RELU).layer(10, Activation.SOFTMAX).build(),
                        ShippedMnist.subset().training());
        ModelCatalog models = new ModelCatalog();
        models.add(new ModelCatalog.Entry("small", "784-32-10 on the shipped subset", ModelCatalog.defaultLabels(10),
                network));
        server = DigitServer.start(ServerSettings.loopback(0).withMaxBody(64 * 1024), models, test);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String pixelsJson(double[] pixels) {
        return new JsonWriter().beginObject().name("pixels").values(pixels).endObject().toString();
    }

    private static double[] image(int index) {
        double[] x = new double[784];
        test.copyFeatures(index, x, 0);
        return x;
    }

    @Test
    void answersHealthWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/api/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JsonReader.object(r.body())).containsEntry("status", "ok").containsEntry("models", 1.0);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("default-src 'none'").contains("script-src 'self'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheModels() throws Exception {
        Map<String, Object> json = JsonReader.object(get("/api/models").body());
        List<?> models = (List<?>) json.get("models");
        assertThat(models).hasSize(1);
        Map<?, ?> small = (Map<?, ?>) models.get(0);
        assertThat(small.get("id")).isEqualTo("small");
        assertThat((List<Object>) small.get("labels")).hasSize(10).startsWith("0", "1");
    }

    @Test
    void predictsGreyValuesAsTheNetworkDoes() throws Exception {
        for (int i = 0; i < 5; i++) {
            double[] x = image(i);
            HttpResponse<String> r = post("/api/predict", "application/json", pixelsJson(x).getBytes());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Map<String, Object> json = JsonReader.object(r.body());
            assertThat(json.get("class")).isEqualTo((double) network.predict(x));
            assertThat(json.get("label")).isEqualTo(Integer.toString(network.predict(x)));
            List<?> p = (List<?>) json.get("probabilities");
            double[] expected = network.outputs(x);
            for (int c = 0; c < 10; c++) {
                assertThat((Double) p.get(c)).isEqualTo(expected[c]);
            }
        }
    }

    @Test
    void predictsAPngDrawingMadeLikeMnist() throws Exception {
        // A test digit drawn ten times larger, dark on white, off-centre on a 400x300 canvas.
        byte[] digit = test.image(7);
        BufferedImage drawing = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        double[] ink = new double[400 * 300];
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int sx = (x - 90) / 10;
                int sy = (y - 10) / 10;
                int v = x >= 90 && y >= 10 && sx < 28 && sy < 28 ? digit[sy * 28 + sx] & 0xFF : 0;
                ink[y * 400 + x] = v / 255.0;
                drawing.setRGB(x, y, 0xFF000000 | (255 - v) * 0x010101);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(drawing, "png", png);
        HttpResponse<String> r = post("/api/predict", "image/png", png.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> json = JsonReader.object(r.body());
        double[] expected = DigitCanvas.toMnist(ink, 400, 300);
        List<?> input = (List<?>) json.get("input");
        assertThat(input).hasSize(784);
        for (int i = 0; i < 784; i++) {
            assertThat((Double) input.get(i)).as("input %d", i).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(json.get("class")).isEqualTo((double) network.predict(expected));
    }

    @Test
    void refusesBadPredictionsWithAJsonErrorNamingTheField() throws Exception {
        double[] x = image(0);
        String tooFew = "{\"pixels\": [0, 0.5, 1]}";
        String outOfRange = pixelsJson(x).replaceFirst("\\[0", "[1.5");
        String notANumber = "{\"pixels\": [NaN]}";
        String text = pixelsJson(x).replaceFirst("\\[0", "[\"0\"");
        Object[][] cases = {
            {tooFew, 400, "pixels", "784"},
            {outOfRange, 400, "pixels", "pixels[0]"},
            {notANumber, 400, null, "malformed JSON at character 12"},
            {text, 400, "pixels", "pixels[0]"},
            {"{\"pixels\": [], \"pixles\": 1}", 400, "pixles", "unknown member"},
            {"{\"pixels\": [1], \"pixels\": [2]}", 400, "pixels", "twice"},
            {"[1, 2]", 400, null, "a JSON object"},
            {"{\"pixels\": [1,]}", 400, null, "malformed JSON"},
            {"[".repeat(40), 400, null, "a JSON object"},
            {"{\"a\":" + "[".repeat(40), 400, null, "deeper than 16"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = post("/api/predict", "application/json", ((String) c[0]).getBytes());
            assertThat(r.statusCode()).as((String) c[0]).isEqualTo(c[1]);
            Map<String, Object> error = JsonReader.object(r.body());
            assertThat(error.get("field")).as((String) c[0]).isEqualTo(c[2]);
            assertThat((String) error.get("error")).as((String) c[0]).contains((String) c[3]);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        HttpResponse<String> unknown = post("/api/predict?model=nope", "application/json", pixelsJson(x).getBytes());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JsonReader.object(unknown.body())).containsEntry("field", "model");
        HttpResponse<String> type = post("/api/predict", "text/plain", "7".getBytes());
        assertThat(type.statusCode()).isEqualTo(415);
        HttpResponse<String> method = get("/api/predict");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void refusesBadImagesAndHugeBodies() throws Exception {
        byte[] notPng = "GIF89a not a png at all, just text".getBytes();
        byte[] huge = pngHeader(100_000, 100_000);
        byte[] broken = java.util.Arrays.copyOf(pngHeader(28, 28), 60);
        for (byte[] body : List.of(notPng, huge, broken)) {
            HttpResponse<String> r = post("/api/predict", "image/png", body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JsonReader.object(r.body())).containsEntry("field", "body");
        }
        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics g = blank.getGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(blank, "png", png);
        HttpResponse<String> empty = post("/api/predict", "image/png", png.toByteArray());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat((String) JsonReader.object(empty.body()).get("error")).contains("empty");
        HttpResponse<String> big = post("/api/predict", "application/json", new byte[65 * 1024]);
        assertThat(big.statusCode()).isEqualTo(413);
    }

    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put("IHDR".getBytes())
                .putInt(width).putInt(height).put(new byte[] {8, 6, 0, 0, 0}).putInt(0);
        return b.array();
    }

    @Test
    void drawsDistinctSampleImagesWithTheirDigits() throws Exception {
        Map<String, Object> json = JsonReader.object(get("/api/sample_images?count=25&seed=4").body());
        List<?> images = (List<?>) json.get("images");
        assertThat(images).hasSize(25);
        Set<Object> seen = new HashSet<>();
        for (Object o : images) {
            Map<?, ?> image = (Map<?, ?>) o;
            int index = ((Double) image.get("index")).intValue();
            assertThat(seen.add(index)).isTrue();
            assertThat(image.get("digit")).isEqualTo((double) test.digit(index));
            List<?> pixels = (List<?>) image.get("pixels");
            assertThat(pixels).hasSize(784);
            assertThat((Double) pixels.get(300)).isEqualTo((double) (test.image(index)[300] & 0xFF));
        }
        assertThat(get("/api/sample_images?count=25&seed=4").body()).isEqualTo(get(
                "/api/sample_images?count=25&seed=4").body());
        HttpResponse<String> bad = get("/api/sample_images?count=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JsonReader.object(bad.body())).containsEntry("field", "count");
        assertThat(get("/api/sample_images?count=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/sample_images?count=2&count=3").statusCode()).isEqualTo(400);
    }

    @Test
    void servesThePageWithNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<canvas id=\"pad\"");
        for (String file : List.of("/", "/app.js", "/style.css")) {
            String body = get(file).body();
            assertThat(body).as(file).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
        HttpResponse<String> missing = get("/secret.txt");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JsonReader.object(missing.body())).containsKey("error");
        assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void predictsFromManyClientsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                results.add(pool.submit(() -> {
                    for (int i = first; i < 200; i += 8) {
                        double[] x = image(i);
                        HttpResponse<String> r = post("/api/predict", "application/json", pixelsJson(x).getBytes());
                        if (r.statusCode() != 200 || !JsonReader.object(r.body()).get("class")
                                .equals((double) network.predict(x))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void holdsEachClientToItsRate() throws Exception {
        ModelCatalog models = new ModelCatalog();
        try (DigitServer limited = DigitServer.start(ServerSettings.loopback(0).withRateLimit(0.5, 2), models, test)) {
            URI health = URI.create("http://127.0.0.1:" + limited.port() + "/api/health");
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 3; i++) {
                last = CLIENT.send(HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
            HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + limited.port() + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("the page itself is not limited").isEqualTo(200);
        }
    }
}
