package io.github.mnistnn.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes an image as PNG through a temporary file, so a crash never leaves half a picture. */
final class PngFile {
    private PngFile() {
    }

    static void write(BufferedImage image, Path file) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "plot", ".tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer is available");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
