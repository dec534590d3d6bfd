package io.github.mnistnn.data;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What the sources of one fetch share: the timeouts, the HTTP client, the progress line and what failed. */
final class FetchSession {
    private static final System.Logger LOG = System.getLogger(FetchSession.class.getName());

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Consumer<String> progress;
    private final List<String> failures = new ArrayList<>();
    private HttpClient http;

    FetchSession(Duration connectTimeout, Duration readTimeout, Consumer<String> progress) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.progress = progress;
    }

    /** One client for the fetch, made on first use (a fetch from npm alone needs none). */
    HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** A line for whoever watches the fetch. */
    void progress(String line) {
        LOG.log(Level.DEBUG, line);
        progress.accept(line);
    }

    /** A failure of one source for one or more files: recorded for the final message, and shown as progress. */
    void failed(String line) {
        failures.add(line);
        progress(line);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
