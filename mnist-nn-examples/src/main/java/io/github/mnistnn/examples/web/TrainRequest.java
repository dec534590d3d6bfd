package io.github.mnistnn.examples.web;

import io.github.mnistnn.examples.ExperimentOptions;
import io.github.mnistnn.examples.PublishedRecipe;
import io.github.mnistnn.examples.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code POST /api/train} asks for: the reference experiment with its command line's options, or a
 * published recipe. The body is JSON; every member is optional and keeps the command line's default, except
 * that the page's runs are bounded (at most {@value #MAX_EPOCHS} epochs, hidden layers of at most
 * {@value #MAX_WIDTH}) and the data set defaults to {@code subset}.
 *
 * <pre>{@code
 * {"rule": "UHB", "learningRate": 0.001, "epochs": 20, "hidden": [64, 32, 16], "digits": [0, 1, 2, 3],
 *  "data": "subset", "backend": "cpu", "batchSize": 1, "seed": 1}
 * {"recipe": "pytorch-portfolio", "epochs": 2}
 * }</pre>
 *
 * @param options the reference experiment's settings, or {@code null} for a recipe
 * @param recipe the recipe, or {@code null}
 * @param epochs the epochs to run
 * @param seed the seed
 * @param backend the backend's name
 */
record TrainRequest(ExperimentOptions options, PublishedRecipe recipe, int epochs, long seed, String backend) {
    /** The most epochs one run from the page may ask for. */
    static final int MAX_EPOCHS = 1000;
    /** The widest hidden layer a run from the page may ask for. */
    static final int MAX_WIDTH = 4096;

    /** The JSON members of the reference experiment and the command line options they stand for. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("rule", "--rule");
        OPTIONS.put("learningRate", "--lr");
        OPTIONS.put("epochs", "--epochs");
        OPTIONS.put("hidden", "--hidden");
        OPTIONS.put("digits", "--digits");
        OPTIONS.put("data", "--data");
        OPTIONS.put("seed", "--seed");
        OPTIONS.put("backend", "--backend");
        OPTIONS.put("batchSize", "--batch");
    }

    /**
     * Reads a request, checking every member as the command line checks its option.
     *
     * @param body the JSON text
     * @return the request
     * @throws ApiException 400 naming the member at fault
     */
    static TrainRequest parse(String body) {
        Map<String, Object> json = body.isBlank() ? Map.of() : JsonReader.object(body);
        if (json.containsKey("recipe")) {
            return recipe(json);
        }
        List<String> args = new ArrayList<>(List.of("--data", "subset"));
        for (Map.Entry<String, Object> member : json.entrySet()) {
            String option = OPTIONS.get(member.getKey());
            if (option == null) {
                throw new ApiException(400, member.getKey(), "unknown member '" + member.getKey()
                        + "'; a run takes recipe or " + String.join(", ", OPTIONS.keySet()));
            }
            args.add(option);
            args.add(text(member.getKey(), member.getValue()));
        }
        ExperimentOptions options;
        try {
            options = ExperimentOptions.parse(args.toArray(String[]::new));
        } catch (UsageException e) {
            throw fromUsage(e);
        }
        requireAtMost("epochs", options.epochs(), MAX_EPOCHS);
        for (int width : options.hidden()) {
            requireAtMost("hidden", width, MAX_WIDTH);
        }
        return new TrainRequest(options, null, options.epochs(), options.seed(), options.backend());
    }

    private static TrainRequest recipe(Map<String, Object> json) {
        for (String name : json.keySet()) {
            if (!List.of("recipe", "epochs", "seed", "backend").contains(name)) {
                throw new ApiException(400, name, "unknown member '" + name
                        + "' for a recipe; it takes recipe, epochs, seed and backend");
            }
        }
        PublishedRecipe recipe;
        try {
            recipe = PublishedRecipe.byId(text("recipe", json.get("recipe")));
        } catch (UsageException e) {
            throw new ApiException(400, "recipe", e.getMessage());
        }
        int epochs = json.containsKey("epochs") ? (int) whole("epochs", json.get("epochs"), 1, MAX_EPOCHS)
                : recipe.epochs();
        long seed = json.containsKey("seed") ? whole("seed", json.get("seed"), 0, Long.MAX_VALUE) : 1;
        String backend = json.containsKey("backend") ? text("backend", json.get("backend")) : "cpu";
        return new TrainRequest(null, recipe, epochs, seed, backend);
    }

    /** A member's value as the command line would have been given it: numbers plainly, lists comma-separated. */
    private static String text(String name, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            for (Object element : list) {
                if (!(element instanceof Double)) {
                    throw new ApiException(400, name, name + " must be a list of numbers, got " + element);
                }
                joined.append(joined.length() == 0 ? "" : ",").append(text(name, element));
            }
            return joined.toString();
        }
        throw new ApiException(400, name, name + " must be a string, a number or a list of numbers, got "
                + (value == null ? "null" : value.toString()));
    }

    private static long whole(String name, Object value, long min, long max) {
        if (!(value instanceof Double d) || d != Math.rint(d) || d < min || d > max) {
            throw new ApiException(400, name, name + " must be a whole number from " + min + " to " + max + ", got "
                    + value);
        }
        return d.longValue();
    }

    private static void requireAtMost(String name, int value, int max) {
        if (value > max) {
            throw new ApiException(400, name, String.format(Locale.ROOT, "%s: at most %d for a run from the page,"
                    + " got %d (the command line takes more)", name, max, value));
        }
    }

    /** The command line's message ("--lr: expected ...") with the member's name in place of the option's. */
    private static ApiException fromUsage(UsageException e) {
        String message = e.getMessage();
        for (Map.Entry<String, String> member : OPTIONS.entrySet()) {
            String option = member.getValue();
            if (message.startsWith(option + ":") || message.startsWith(option + " ")
                    || message.contains("'" + option + "'") || message.contains("option " + option)) {
                return new ApiException(400, member.getKey(),
                        message.replace(option, member.getKey()).replaceFirst("^mnist-nn: ", ""));
            }
        }
        return new ApiException(400, null, message);
    }

    /**
     * The labels of the trained network's outputs: the chosen digits and "none", or the ten digits.
     *
     * @return one label per output
     */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        if (options == null) {
            for (int d = 0; d < 10; d++) {
                labels.add(Integer.toString(d));
            }
            return labels;
        }
        for (int d : options.digits()) {
            labels.add(Integer.toString(d));
        }
        labels.add("none");
        return labels;
    }

    /**
     * One line saying what is trained, for the page and the model list.
     *
     * @return the description
     */
    String describe() {
        if (recipe != null) {
            return "recipe " + recipe.id() + ", " + epochs + " epochs, seed " + seed + ", backend " + backend;
        }
        return options.toString();
    }
}
