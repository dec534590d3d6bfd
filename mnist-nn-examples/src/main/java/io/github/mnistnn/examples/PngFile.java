package io.github.mnistnn.examples;

import io.github.mnistnn.internal.io.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes an image as PNG through a temporary file, so a crash never leaves half a picture. */
final class PngFile {
    private PngFile() {
    }

    static void write(BufferedImage image, Path file) throws IOException {
        AtomicFile.replace(file, "image", out -> {
            // an in-memory cache: ImageIO.write(image, "png", out) would cache through a file in java.io.tmpdir
            try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", png)) {
                    throw new IOException("no PNG writer is available");
                }
            }
        });
    }
}
