package io.github.mnistnn.examples.web;

import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The models the server predicts with, by id: the pretrained ones in the jar (listed in the resource
 * {@code models/index.tsv}: id, file, labels, description, and the test accuracies recorded when the model was
 * made, on the full MNIST and on the shipped subset, which a test checks) and any added later (a file from the command line, a
 * network trained from the page). Thread-safe; a {@link Network} predicts from many threads at once.
 *
 * <pre>{@code
 * ModelCatalog models = ModelCatalog.bundled();
 * ModelCatalog.Entry cnn = models.get("keras-cnn");
 * }</pre>
 */
public final class ModelCatalog {
    /**
     * A model the server offers.
     *
     * @param id its name in the API
     * @param description one line for the page
     * @param labels one per output
     * @param network the network
     */
    public record Entry(String id, String description, List<String> labels, Network network) {
        public Entry {
            labels = List.copyOf(labels);
            if (labels.size() != network.outputWidth()) {
                throw new IllegalArgumentException("model " + id + " has " + network.outputWidth()
                        + " outputs but " + labels.size() + " labels");
            }
        }
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final List<Entry> inOrder = new CopyOnWriteArrayList<>();

    /**
     * The catalog of the models in the jar.
     *
     * @return the catalog (empty if the jar holds none)
     * @throws UncheckedIOException if a listed model cannot be read
     */
    public static ModelCatalog bundled() {
        ModelCatalog catalog = new ModelCatalog();
        try (InputStream index = ModelCatalog.class.getResourceAsStream("models/index.tsv")) {
            if (index == null) {
                return catalog;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 6) {
                    throw new IOException("models/index.tsv: expected id, file, labels, description and the"
                            + " accuracies on the full and the shipped test set, got " + line);
                }
                try (InputStream in = ModelCatalog.class.getResourceAsStream("models/" + f[1])) {
                    if (in == null) {
                        throw new IOException("models/index.tsv lists models/" + f[1] + ", which the jar lacks");
                    }
                    catalog.add(new Entry(f[0], f[3], List.of(f[2].split(",")),
                            ModelFile.load(in, "models/" + f[1])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return catalog;
    }

    /**
     * Labels for a network's outputs when nothing says otherwise: the digits for ten outputs, else the indices.
     *
     * @param outputs the network's output width
     * @return one label per output
     */
    public static List<String> defaultLabels(int outputs) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            labels.add(outputs == 10 ? Integer.toString(i) : "class " + i);
        }
        return labels;
    }

    /**
     * Adds a model, or replaces one with its id.
     *
     * @param entry the model
     */
    public void add(Entry entry) {
        if (!entry.id().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a model id is 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + entry.id() + "'");
        }
        Entry old = byId.put(entry.id(), entry);
        if (old != null) {
            inOrder.remove(old);
        }
        inOrder.add(entry);
    }

    /**
     * Removes a model; nothing if there is none with that id.
     *
     * @param id its id
     */
    public void remove(String id) {
        Entry old = byId.remove(id);
        if (old != null) {
            inOrder.remove(old);
        }
    }

    /**
     * A model by id; {@code null} asks for the first.
     *
     * @param id the id, or {@code null}
     * @return the model
     * @throws ApiException 404 naming the field {@code model} if there is no such model, 503 if there is none
     */
    Entry get(String id) {
        if (id == null) {
            if (inOrder.isEmpty()) {
                throw new ApiException(503, null, "no model is loaded: start the server with --model FILE");
            }
            return inOrder.get(0);
        }
        Entry entry = byId.get(id);
        if (entry == null) {
            throw new ApiException(404, "model", "no model '" + id + "'; GET /api/models lists them");
        }
        return entry;
    }

    /**
     * Every model, first the bundled ones, in the order added.
     *
     * @return the models
     */
    public List<Entry> entries() {
        return List.copyOf(inOrder);
    }
}
