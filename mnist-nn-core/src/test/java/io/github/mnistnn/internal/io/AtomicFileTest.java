package io.github.mnistnn.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayDeletesTheTemporaryFileAndKeepsTheTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("m.mnn"), "the old model");
        assertThatThrownBy(() -> AtomicFile.replace(target, "model", out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessage("cannot write the model " + target + ": IOException: No space left on device");
        assertThat(Files.readString(target)).isEqualTo("the old model");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailureWithoutAMessageStillSaysWhatFailed() {
        Path target = dir.resolve("m.mnn");
        assertThatThrownBy(() -> AtomicFile.replace(target, "model", out -> {
            throw new IOException();
        })).hasMessage("cannot write the model " + target + ": IOException");
        assertThat(target).doesNotExist();
    }

    @Test
    void contentMayCloseItsStreamAndTheFileIsStillComplete() throws IOException {
        Path target = dir.resolve("sub/folder/m.txt");
        AtomicFile.replace(target, "text", out -> {
            try (out) {
                out.write("complete".getBytes(StandardCharsets.US_ASCII));
            }
        });
        assertThat(Files.readString(target)).isEqualTo("complete");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
