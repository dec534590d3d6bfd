package io.github.mnistnn.examples.web;

import io.github.mnistnn.data.Dataset;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code GET /api/sample_images?count=25&seed=N}: test images drawn at random without repeats (seeded when a
 * seed is given), each with its digit and its 784 pixels as 0..255, row by row.
 *
 * <pre>{@code
 * curl -s 'http://127.0.0.1:8080/api/sample_images?count=25&seed=1'
 * }</pre>
 */
final class SampleImagesEndpoint {
    /** The most images one request takes. */
    static final int MAX_COUNT = 100;

    private final Dataset images;

    SampleImagesEndpoint(Dataset images) {
        this.images = images;
    }

    void handle(ApiExchange exchange) throws IOException {
        exchange.requireMethod("GET");
        Map<String, String> query = QueryString.parse(exchange.query());
        int count = QueryString.intIn(query, "count", 1, Math.min(MAX_COUNT, images.size()), 25);
        SplittableRandom random = query.containsKey("seed")
                ? new SplittableRandom(QueryString.intIn(query, "seed", 0, Integer.MAX_VALUE, 0))
                : new SplittableRandom();
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        JsonWriter json = new JsonWriter().beginObject().name("images").beginArray();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int pick = order[j];
            order[j] = order[i];
            order[i] = pick;
            json.beginObject().name("index").value(pick).name("digit").value(images.digit(pick)).name("pixels")
                    .beginArray();
            for (byte b : images.image(pick)) {
                json.value(b & 0xFF);
            }
            json.endArray().endObject();
        }
        exchange.sendJson(200, json.endArray().endObject());
    }
}
