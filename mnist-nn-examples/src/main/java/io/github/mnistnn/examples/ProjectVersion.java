package io.github.mnistnn.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints: the project's version, from {@code version.properties} beside this class, which
 * Maven fills in when it builds the module (so it is there in the jar and in a build's classes alike).
 *
 * <pre>{@code
 * String version = ProjectVersion.version(); // "0.1.0-SNAPSHOT", say
 * }</pre>
 */
final class ProjectVersion implements CommandLine.IVersionProvider {
    /** The resource, beside this class, that holds the version. */
    static final String RESOURCE = "version.properties";

    /**
     * The line {@code --version} prints.
     *
     * @return {@code mnist-nn} and the version
     * @throws IOException if the resource is missing or cannot be read
     */
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"mnist-nn " + version()};
    }

    /**
     * The project's version, as Maven knows it.
     *
     * @return such as {@code 0.1.0-SNAPSHOT}
     * @throws IOException if the resource is missing, cannot be read or holds no version
     */
    static String version() throws IOException {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + RESOURCE + " beside " + ProjectVersion.class.getName()
                        + " (the build writes it)");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank() || version.contains("${")) {
                throw new IOException(RESOURCE + " holds no version (the build fills it in)");
            }
            return version.strip();
        }
    }
}
