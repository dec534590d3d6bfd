package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One HTTP GET into a file, with the SHA-256 of the body computed on the way. The request must get its
 * response headers within the read timeout, and the body must never go that long without data: a watchdog
 * closes a stalled body, which the HTTP client itself would wait on forever. A body longer than a limit is cut
 * off, so a hostile server cannot fill the disk.
 */
final class HttpDownload {
    private static final System.Logger LOG = System.getLogger(HttpDownload.class.getName());
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The server could not be reached or stopped answering: no point in asking it for other files. */
    static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private HttpDownload() {
    }

    /**
     * Downloads a URI into a file.
     *
     * @param client the client, with its connect timeout
     * @param uri what to get
     * @param file where the body goes (created or replaced)
     * @param maxBytes the most bytes accepted
     * @param readTimeout the longest wait for the headers, and for each piece of the body
     * @param progress receives a line now and then, and when the body is complete
     * @return the SHA-256 of the body, in hex
     * @throws Unreachable if the server cannot be reached, does not answer or stalls
     * @throws InterruptedIOException if the thread is interrupted
     * @throws IOException with the reason alone if the status is not 200, or the body is cut short or too long
     */
    static String toFile(HttpClient client, URI uri, Path file, long maxBytes, Duration readTimeout,
            Consumer<String> progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while getting " + uri);
            interrupted.initCause(e);
            throw interrupted;
        } catch (HttpTimeoutException e) {
            throw new Unreachable(FailureReason.of(e) + " (waited " + seconds(readTimeout) + ")", e);
        } catch (IOException e) {
            throw new Unreachable(FailureReason.of(e), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            OptionalLong length = response.headers().firstValueAsLong("content-length");
            if (length.isPresent() && length.getAsLong() > maxBytes) {
                throw new IOException("the server announces " + length.getAsLong() + " bytes, more than the "
                        + maxBytes + " expected");
            }
            return copy(body, file, maxBytes, length.orElse(-1), readTimeout, progress, uri);
        }
    }

    private static String copy(InputStream body, Path file, long maxBytes, long announced, Duration readTimeout,
            Consumer<String> progress, URI uri) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long timeout = readTimeout.toNanos();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), timeout / 10);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mnist-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
        long received = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastData.get() > timeout && !stalled.getAndSet(true)) {
                    closeQuietly(body, uri);
                }
            }, period, period, TimeUnit.NANOSECONDS);
            byte[] buffer = new byte[1 << 16];
            long lastReport = System.nanoTime();
            int n;
            while ((n = read(body, buffer, stalled, received, announced, readTimeout)) >= 0) {
                lastData.set(System.nanoTime());
                received += n;
                if (received > maxBytes) {
                    throw new IOException("the body is longer than the " + maxBytes + " bytes expected");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                    lastReport = System.nanoTime();
                    progress.accept(uri + ": " + megabytes(received, announced));
                }
            }
            if (stalled.get()) {
                throw stall(received, readTimeout, null);
            }
        } finally {
            watchdog.shutdownNow();
        }
        if (announced >= 0 && received != announced) {
            throw new IOException("the body ended after " + received + " of the " + announced + " bytes announced");
        }
        progress.accept(uri + ": " + megabytes(received, announced) + ", done");
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int read(InputStream body, byte[] buffer, AtomicBoolean stalled, long received, long announced,
            Duration readTimeout) throws IOException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (stalled.get()) {
                throw stall(received, readTimeout, e);
            }
            throw new IOException("the body broke off after " + received
                    + (announced >= 0 ? " of the " + announced + " bytes announced" : " bytes") + " ("
                    + FailureReason.of(e) + ")", e);
        }
    }

    private static Unreachable stall(long received, Duration readTimeout, Throwable cause) {
        return new Unreachable("no data for " + seconds(readTimeout) + " after " + received + " bytes (stalled)",
                cause);
    }

    private static void closeQuietly(InputStream body, URI uri) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the stalled body of {0}: {1}", uri, FailureReason.of(e));
        }
    }

    private static String megabytes(long received, long announced) {
        if (Math.max(received, announced) < 1_000_000) {
            return announced < 0 ? received + " bytes" : received + " of " + announced + " bytes";
        }
        String got = String.format(Locale.ROOT, "%.1f", received / 1e6);
        return announced < 0 ? got + " MB" : got + " of " + String.format(Locale.ROOT, "%.1f", announced / 1e6) + " MB";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
