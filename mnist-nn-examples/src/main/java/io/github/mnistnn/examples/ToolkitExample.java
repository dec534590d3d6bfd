package io.github.mnistnn.examples;

import io.github.mnistnn.Activation;
import io.github.mnistnn.Float32Classifier;
import io.github.mnistnn.Initializer;
import io.github.mnistnn.LearningRateSchedule;
import io.github.mnistnn.Misclassification;
import io.github.mnistnn.MistakeRanking;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import io.github.mnistnn.Optimizer;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.data.Dataset;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's training-toolkit example: AdamW, a cosine schedule, dropout, a validation split with early
 * stopping, saving and loading the model, the most confident mistakes and float32 inference, on the shipped
 * 10-digit subset. The
 * README quotes the lines between the markers; a test checks that it still does and that they run.
 *
 * <pre>{@code
 * ToolkitExample.main(new String[] {"/tmp/model.mnn"});
 * }</pre>
 */
public final class ToolkitExample {
    private ToolkitExample() {
    }

    /**
     * Trains, saves, loads and reports.
     *
     * @param args the model file to write (default {@code model.mnn})
     * @throws IOException if the model cannot be saved or loaded
     */
    public static void main(String[] args) throws IOException {
        // README:begin
        Path modelFile = Path.of(args.length > 0 ? args[0] : "model.mnn");
        TrainAndTest data = ShippedMnist.subset();                     // 1,000 + 200 images, 10 digits
        Dataset.Split split = data.training().split(0.1, 42);          // 10 % held out, seeded
        NetworkSpec spec = NetworkSpec.builder(784).layer(128, Activation.RELU).layer(64, Activation.RELU)
                .layer(10, Activation.SOFTMAX).initializer(Initializer.HE).build();
        Network network = Trainer.builder()
                .optimizer(Optimizer.adamW(1e-4))                      // sgd, momentum, nesterov, adam, rmsProp
                .learningRate(1e-3)
                .schedule(LearningRateSchedule.cosine(40, 0.1))        // constant, step, exponential, cosine
                .dropout(0.2, 0.1)                                     // inverted, per hidden layer
                .batchSize(32).epochs(40).seed(1)
                .validation(split.validation()).earlyStopping(5)       // keeps the best epoch's weights
                .build()
                .train(spec, split.training());
        ModelFile.save(network, modelFile);                            // atomic; checksummed
        Network loaded = ModelFile.load(modelFile);
        List<Misclassification> worst = MistakeRanking.mostConfident(loaded, data.test(), 3);
        Float32Classifier fast = Float32Classifier.of(loaded);         // float32 inference, 2.5x as fast
        System.out.printf("test accuracy %.2f %%, most confident mistake %s, float32 %.2f %%%n",
                100 * loaded.evaluate(data.test()).accuracy(), worst.get(0),
                100 * fast.evaluate(data.test()).accuracy());
        // README:end
    }
}
