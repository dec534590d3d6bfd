package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureReasonTest {
    @TempDir
    Path temp;

    @Test
    void fileSystemExceptionsSayWhatIsWrongWithThePath() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThat(FailureReason.of(new FileAlreadyExistsException(file.toString())))
                .isEqualTo(file + " already exists and is not a directory");
        assertThat(FailureReason.of(new NoSuchFileException("/x/y"))).isEqualTo("/x/y does not exist");
        assertThat(FailureReason.of(new AccessDeniedException("/x/y"))).isEqualTo("/x/y: permission denied");
        assertThat(FailureReason.of(new FileSystemException("/x/y", null, "No space left on device")))
                .isEqualTo("/x/y: No space left on device");
        assertThat(FailureReason.of(new FileSystemException("/x/y"))).isEqualTo("/x/y: FileSystemException");
        assertThat(FailureReason.of(new IOException("Is a directory"), file)).isEqualTo(file + ": Is a directory");
        assertThat(FailureReason.of(new NoSuchFileException(file.toString()), file)).isEqualTo(file
                + " does not exist");
    }

    @Test
    void exceptionsWithoutMessagesNeverReadNull() {
        IOException inner = new ConnectException();
        inner.initCause(new UnresolvedAddressException());
        IOException unknownHost = new ConnectException();
        unknownHost.initCause(inner);
        IOException wrapped = new IOException((String) null, new EOFException());

        assertThat(FailureReason.of(unknownHost)).isEqualTo("unknown host");
        assertThat(FailureReason.of(new ConnectException())).isEqualTo("connection refused");
        assertThat(FailureReason.of(new EOFException())).isEqualTo("EOFException");
        assertThat(FailureReason.of(wrapped)).isEqualTo("IOException: EOFException");
        assertThat(FailureReason.of(new IOException("disk on fire"))).isEqualTo("disk on fire");
    }
}
