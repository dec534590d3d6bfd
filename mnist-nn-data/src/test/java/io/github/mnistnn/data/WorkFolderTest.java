package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {
    @TempDir
    Path temp;

    private Path folder(String name, boolean withLockFile, Duration age) throws IOException {
        Path p = Files.createDirectory(temp.resolve(WorkFolder.PREFIX + name));
        Files.writeString(p.resolve("part.gz"), "half a download");
        if (withLockFile) {
            Files.createFile(p.resolve(WorkFolder.LOCK));
        }
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void removesUnlockedFoldersAndOldFoldersWithoutALockFile() throws IOException {
        Path killed = folder("killed", true, Duration.ZERO);
        Path ancient = folder("ancient", false, Duration.ofHours(1));
        Path young = folder("young", false, Duration.ofSeconds(5));
        Path other = Files.createDirectory(temp.resolve("mnist-fetch-not-ours"));

        assertThat(WorkFolder.removeStale(temp)).isEqualTo(2);

        assertThat(killed).doesNotExist();
        assertThat(ancient).doesNotExist();
        assertThat(young).isDirectory();
        assertThat(other).isDirectory();
    }

    @Test
    void keepsAFolderWhoseLockIsHeld() throws IOException {
        Path live = folder("live", true, Duration.ofHours(1));
        try (FileChannel channel = FileChannel.open(live.resolve(WorkFolder.LOCK), StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();

            assertThat(WorkFolder.removeStale(temp)).isZero();

            assertThat(live).isDirectory();
        }
        assertThat(WorkFolder.removeStale(temp)).isEqualTo(1);
        assertThat(live).doesNotExist();
    }

    @Test
    void aFolderInUseIsLockedAndGoneAfterClose() throws IOException {
        WorkFolder work = WorkFolder.create(temp);
        Files.writeString(work.path().resolve("file"), "x");

        assertThat(work.path().getParent()).isEqualTo(temp);
        assertThat(WorkFolder.removeStale(temp)).isZero();

        work.close();
        assertThat(work.path()).doesNotExist();
    }

    @Test
    void aMissingDirectoryHasNothingToRemove() {
        assertThat(WorkFolder.removeStale(temp.resolve("absent"))).isZero();
    }
}
