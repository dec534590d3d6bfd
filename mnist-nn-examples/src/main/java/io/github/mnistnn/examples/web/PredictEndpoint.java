package io.github.mnistnn.examples.web;

import io.github.mnistnn.data.DigitCanvas;
import io.github.mnistnn.spi.ArgMax;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code POST /api/predict}: a digit in, the class and every probability out. The body is either JSON,
 * {@code {"pixels": [784 values in [0, 1]], "model": "id"}} (an image already made like MNIST's, row by row), or
 * a PNG of a drawing ({@code Content-Type: image/png}) of any size up to {@value #MAX_SIDE} pixels a side, made
 * like MNIST's by {@link DigitCanvas} (a dark pen on a light or transparent background, or with
 * {@code ?background=black} a light pen on black); the model is chosen by {@code ?model=id} or the JSON member.
 * The network predicts from many requests at once.
 *
 * <pre>{@code
 * curl -s -X POST --data-binary @digit.png -H 'Content-Type: image/png' http://127.0.0.1:8080/api/predict
 * }</pre>
 */
final class PredictEndpoint {
    /**
     * The largest side of a PNG accepted, checked in its header before it is decoded (a 16-bit RGBA PNG this size
     * decodes to 32 MiB).
     */
    static final int MAX_SIDE = 2048;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ModelCatalog models;

    PredictEndpoint(ModelCatalog models) {
        this.models = models;
    }

    void handle(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        Map<String, String> query = QueryString.parse(exchange.query());
        String type = exchange.contentType();
        byte[] body = exchange.body();
        double[] input;
        String modelId = query.get("model");
        boolean fromImage = type.equals("image/png");
        if (fromImage) {
            input = fromPng(body, query.getOrDefault("background", "white"));
        } else if (type.equals("application/json")) {
            Map<String, Object> json = JsonReader.object(new String(body, StandardCharsets.UTF_8));
            for (String name : json.keySet()) {
                if (!name.equals("pixels") && !name.equals("model")) {
                    throw new ApiException(400, name, "unknown member '" + name + "'; send pixels and model");
                }
            }
            Object model = json.get("model");
            if (model != null && !(model instanceof String)) {
                throw new ApiException(400, "model", "model must be a string, the id of a model");
            }
            if (model != null) {
                modelId = (String) model;
            }
            input = pixels(json.get("pixels"));
        } else {
            throw new ApiException(415, "Content-Type", "send application/json or image/png, not '" + type + "'");
        }
        ModelCatalog.Entry entry = models.get(modelId);
        if (entry.network().inputWidth() != input.length) {
            throw new ApiException(400, "model", "model " + entry.id() + " takes " + entry.network().inputWidth()
                    + " inputs, not " + input.length);
        }
        double[] probabilities = entry.network().outputs(input);
        int best = ArgMax.of(probabilities, 0, probabilities.length);
        JsonWriter json = new JsonWriter().beginObject().name("model").value(entry.id())
                .name("class").value(best).name("label").value(entry.labels().get(best))
                .name("probabilities").values(probabilities).name("labels").beginArray();
        for (String label : entry.labels()) {
            json.value(label);
        }
        json.endArray();
        if (fromImage) {
            json.name("input").values(input);
        }
        exchange.sendJson(200, json.endObject());
    }

    private static double[] pixels(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new ApiException(400, "pixels", "pixels must be an array of 784 numbers in [0, 1]");
        }
        if (list.size() != 784) {
            throw new ApiException(400, "pixels", "pixels must hold 784 values (28 x 28, row by row), got "
                    + list.size());
        }
        double[] input = new double[784];
        for (int i = 0; i < input.length; i++) {
            if (!(list.get(i) instanceof Double d) || !(d >= 0 && d <= 1)) {
                throw new ApiException(400, "pixels", "pixels[" + i + "] must be a number in [0, 1], got "
                        + list.get(i));
            }
            input[i] = d;
        }
        return input;
    }

    private static double[] fromPng(byte[] body, String background) {
        DigitCanvas.Background bg = switch (background) {
            case "white" -> DigitCanvas.Background.WHITE;
            case "black" -> DigitCanvas.Background.BLACK;
            default -> throw new ApiException(400, "background", "background must be white or black, got '"
                    + background + "'");
        };
        if (body.length < 24 || !java.util.Arrays.equals(body, 0, 8, PNG_SIGNATURE, 0, 8)) {
            throw new ApiException(400, "body", "the body is not a PNG image (no PNG signature)");
        }
        long width = ByteBuffer.wrap(body, 16, 4).getInt() & 0xffffffffL;
        long height = ByteBuffer.wrap(body, 20, 4).getInt() & 0xffffffffL;
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new ApiException(400, "body", "the PNG is " + width + "x" + height + "; sides from 1 to "
                    + MAX_SIDE + " pixels are taken");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "body", "the PNG cannot be decoded: " + e.getClass().getSimpleName());
        }
        if (image == null) {
            throw new ApiException(400, "body", "the PNG cannot be decoded");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        try {
            return DigitCanvas.toMnist(argb, w, h, bg);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "body", e.getMessage());
        }
    }
}
