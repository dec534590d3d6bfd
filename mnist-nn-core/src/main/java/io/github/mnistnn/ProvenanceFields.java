package io.github.mnistnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TrainingProvenance} as the key-value pairs of a model file, and back. Keys written by later versions
 * are ignored; keys missing from earlier files take the value those versions implied.
 */
final class ProvenanceFields {
    private static final String HYPERPARAMETER = "hyperparameter.";

    private ProvenanceFields() {
    }

    static Map<String, String> toMap(TrainingProvenance p) {
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
        try {
            Map<String, String> hyper = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(HYPERPARAMETER)) {
                    hyper.put(k.substring(HYPERPARAMETER.length()), v);
                }
            });
            return new TrainingProvenance(Long.parseLong(m.get("seed")), BackpropRule.valueOf(m.get("rule")),
                    Loss.valueOf(m.get("loss")), m.getOrDefault("optimizer", "SGD"),
                    Double.parseDouble(m.get("learningRate")), Integer.parseInt(m.get("batchSize")),
                    Integer.parseInt(m.get("epochs")), m.get("backend"), Long.parseLong(m.get("datasetFingerprint")),
                    Integer.parseInt(m.get("trainingSamples")), Double.parseDouble(m.get("trainingAccuracy")),
                    Double.parseDouble(m.getOrDefault("validationAccuracy", "NaN")), hyper,
                    m.getOrDefault("libraryVersion", fileVersion));
        } catch (RuntimeException e) {
            throw new ModelFormatException(file, "bad provenance " + m + ": " + e.getMessage());
        }
    }
}
