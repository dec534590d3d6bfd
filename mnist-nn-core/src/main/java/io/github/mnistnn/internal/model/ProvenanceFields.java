package io.github.mnistnn.internal.model;

import io.github.mnistnn.BackpropRule;
import io.github.mnistnn.Loss;
import io.github.mnistnn.ModelFormatException;
import io.github.mnistnn.TrainingProvenance;
import io.github.mnistnn.internal.ApiAccess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link TrainingProvenance} as the key-value pairs of a model file, and back. Keys written by later versions
 * are ignored; keys missing from earlier files take the value those versions implied.
 */
public final class ProvenanceFields {
    private static final String HYPERPARAMETER = "hyperparameter.";

    private ProvenanceFields() {
    }

    public static Map<String, String> toMap(TrainingProvenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(p.seed()));
        m.put("rule", p.rule().name());
        m.put("loss", p.loss().name());
        m.put("optimizer", p.optimizer());
        m.put("learningRate", Double.toString(p.learningRate()));
        m.put("batchSize", Integer.toString(p.batchSize()));
        m.put("epochs", Integer.toString(p.epochs()));
        m.put("backend", p.backend());
        m.put("datasetFingerprint", Long.toString(p.datasetFingerprint()));
        m.put("trainingSamples", Integer.toString(p.trainingSamples()));
        m.put("trainingAccuracy", Double.toString(p.trainingAccuracy()));
        m.put("validationAccuracy", Double.toString(p.validationAccuracy()));
        m.put("libraryVersion", p.libraryVersion());
        p.hyperparameters().forEach((k, v) -> m.put(HYPERPARAMETER + k, v));
        return m;
    }

    /** The provenance, or {@code null} when the file recorded none. */
    static TrainingProvenance fromMap(Map<String, String> m, String fileVersion, Path file) throws ModelFormatException {
        if (m.isEmpty()) {
            return null;
        }
        Map<String, String> hyper = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(HYPERPARAMETER)) {
                hyper.put(k.substring(HYPERPARAMETER.length()), v);
            }
        });
        Fields f = new Fields(m, file);
        return new TrainingProvenance(f.parse("seed", Long::parseLong), f.parse("rule", BackpropRule::valueOf),
                f.parse("loss", Loss::valueOf), m.getOrDefault("optimizer", "SGD"),
                f.parse("learningRate", Double::parseDouble), f.parse("batchSize", Integer::parseInt),
                f.parse("epochs", Integer::parseInt), f.parse("backend", String::valueOf),
                f.parse("datasetFingerprint", Long::parseLong), f.parse("trainingSamples", Integer::parseInt),
                f.parse("trainingAccuracy", Double::parseDouble),
                m.containsKey("validationAccuracy") ? f.parse("validationAccuracy", Double::parseDouble) : Double.NaN,
                hyper, m.getOrDefault("libraryVersion", fileVersion));
    }

    /** Reads one required entry at a time, naming the entry that is missing or wrong. */
    private record Fields(Map<String, String> map, Path file) {
        <T> T parse(String key, Function<String, T> parser) throws ModelFormatException {
            String value = map.get(key);
            if (value == null) {
                throw ApiAccess.get().modelFormat(file, "the provenance has no '" + key + "' entry");
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw ApiAccess.get().modelFormat(file, "the provenance entry '" + key + "' is '" + value
                        + "', which is not a valid " + key);
            }
        }
    }
}
