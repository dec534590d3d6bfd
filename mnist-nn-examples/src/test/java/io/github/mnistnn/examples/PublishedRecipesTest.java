package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mnistnn.Float32Classifier;
import io.github.mnistnn.Network;
import io.github.mnistnn.data.TrainAndTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A shortened run of each published recipe on the full MNIST (10 classes), so a regression in any optimizer,
 * dropout, preprocessing or the mini-batch path shows up in CI. The full runs and their accuracies are in the
 * README; the floors here were measured on these budgets with seed 1 (see each row).
 */
class PublishedRecipesTest {
    private static TrainAndTest full;

    @BeforeAll
    static void loadFetchedData() throws IOException {
        full = FetchedMnist.load();
    }

    @ParameterizedTest(name = "{0}: {1} epoch(s), floor {2}")
    @CsvSource({
        // id, epochs, floor; measured after one epoch with seed 1: 95.95 %, 95.58 %, 96.68 %
        "numpy-from-scratch, 1, 0.945",
        "pytorch-portfolio, 1, 0.945",
        "numpy-with-features, 1, 0.955",
    })
    void aShortenedRunReachesItsFloor(String id, int epochs, double floor) throws UsageException {
        PublishedRecipe recipe = PublishedRecipe.byId(id);
        PublishedRecipe.Prepared data = recipe.prepare(full, 1);
        Network network = recipe.trainer(data, epochs, 1).build().train(recipe.spec(), data.training());
        double accuracy = network.evaluate(data.test()).accuracy();
        assertThat(accuracy).isGreaterThanOrEqualTo(floor);
        assertThat(network.provenance().orElseThrow().epochs()).isEqualTo(epochs);
        // Float32 inference changes a class only where the two best scores tie to float rounding: at most 5 of
        // the 10,000 test images (measured: the same accuracy as in double for each recipe).
        double float32 = Float32Classifier.of(network).evaluate(data.test()).accuracy();
        assertThat(float32).isCloseTo(accuracy, within(5.0 / data.test().size()));
    }
}
