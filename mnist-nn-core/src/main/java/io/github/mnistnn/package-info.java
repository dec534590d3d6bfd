/**
 * The mnist-nn API. Describe a network with {@link io.github.mnistnn.NetworkSpec} (dense layers, or for an image
 * {@link io.github.mnistnn.Shape} convolutions, max-pooling, flatten and dropout: the sealed
 * {@link io.github.mnistnn.Layer} kinds), train it with a
 * {@link io.github.mnistnn.Trainer} (choosing {@link io.github.mnistnn.BackpropRule#CB} or
 * {@link io.github.mnistnn.BackpropRule#UHB}), and use the resulting {@link io.github.mnistnn.Network} to predict
 * and {@link io.github.mnistnn.Evaluation evaluate} ({@link io.github.mnistnn.Network#predictAll} classifies many
 * samples in batches; {@link io.github.mnistnn.Float32Classifier} does it in float32, faster, and
 * {@link io.github.mnistnn.DeviceClassifier} on a backend such as OpenCL). Data comes in as
 * {@link io.github.mnistnn.LabeledData}. {@link io.github.mnistnn.CpuThreads} sets how many cores the CPU work may
 * use (all of them by default, never more).
 *
 * <pre>{@code
 * Network network = Trainer.builder().rule(BackpropRule.CB).learningRate(0.01).epochs(5).seed(1).build()
 *         .train(NetworkSpec.reference(5), trainingData);
 * System.out.println(network.evaluate(testData).accuracy());
 * }</pre>
 */
package io.github.mnistnn;
