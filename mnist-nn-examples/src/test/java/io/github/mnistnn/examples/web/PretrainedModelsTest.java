package io.github.mnistnn.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Network;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.MnistFetcher;
import io.github.mnistnn.data.ShippedMnist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pretrained models in the jar load and reach, to the image, the test accuracy recorded in
 * {@code models/index.tsv} when each was made: on the full MNIST test set when it has been fetched, else on the
 * shipped subset's 200 test images.
 */
class PretrainedModelsTest {
    @Test
    void eachModelReachesItsRecordedAccuracy() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = ModelCatalog.class.getResourceAsStream("models/index.tsv")) {
            assertThat(in).as("models/index.tsv in the jar").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        ModelCatalog catalog = ModelCatalog.bundled();
        assertThat(catalog.entries()).extracting(ModelCatalog.Entry::id)
                .containsExactlyElementsOf(rows.stream().map(r -> r[0]).toList());
        MnistFetcher fetcher = MnistFetcher.defaultCache();
        boolean full = Files.isDirectory(fetcher.directory());
        Dataset test = full ? fetcher.loadTest() : ShippedMnist.subset().test();
        for (String[] row : rows) {
            ModelCatalog.Entry entry = catalog.get(row[0]);
            Dataset task = test;
            List<String> labels = entry.labels();
            if (labels.get(labels.size() - 1).equals("none")) {
                int[] digits = labels.subList(0, labels.size() - 1).stream().mapToInt(Integer::parseInt).toArray();
                task = test.digitTask(digits);
            }
            Network network = entry.network();
            int correct = (int) Math.round(network.evaluate(task).accuracy() * task.size());
            String recorded = full ? row[4] : row[5];
            assertThat(correct + "/" + task.size()).as("%s on the %s test set", row[0], full ? "full" : "shipped")
                    .isEqualTo(recorded);
            assertThat(network.provenance()).as("%s says how it was made", row[0]).isPresent();
        }
    }
}
