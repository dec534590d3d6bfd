package io.github.mnistnn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file was refused: wrong magic bytes, an unknown format version, a truncated file, a checksum
 * mismatch or contents that do not make a network. Nothing is half-loaded.
 *
 * <pre>{@code
 * try {
 *     Network network = ModelFile.load(Path.of("model.mnn"));
 * } catch (ModelFormatException e) {
 *     System.err.println(e.getMessage());   // names the file and what was wrong
 * }
 * }</pre>
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    ModelFormatException(Path file, String problem) {
        super(file + ": not a usable mnist-nn model: " + problem);
    }
}
