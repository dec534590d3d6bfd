package io.github.mnistnn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP mirror of the gzipped IDX files. Each {@code name.gz} is downloaded, checked against its pinned size
 * and SHA-256 where there is a pin, and decompressed (never past the uncompressed file's pinned size); the
 * caller then checks the decompressed file against its own pin. A mirror that cannot be reached, does not
 * answer or stalls is not asked for the remaining files.
 */
final class MirrorSource extends MnistSource {
    private final URI base;

    MirrorSource(URI base) {
        this.base = base;
    }

    @Override
    Map<PinnedFile, Path> fetch(List<PinnedFile> wanted, Path work, FetchSession session) throws IOException {
        Map<PinnedFile, Path> got = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            PinnedFile f = wanted.get(i);
            URI uri = base.resolve(f.gzName());
            session.progress("fetching " + uri);
            try {
                Path gz = work.resolve(f.gzName());
                String sha = HttpDownload.toFile(session.http(), uri, gz, maxGzBytes(f), session.readTimeout(),
                        session::progress);
                if (f.gzSha256() != null && !sha.equals(f.gzSha256())) {
                    throw new IOException("has SHA-256 " + sha + ", expected " + f.gzSha256());
                }
                Path file = work.resolve(f.name());
                gunzip(gz, file, f.size());
                Files.delete(gz);
                got.put(f, file);
            } catch (HttpDownload.Unreachable e) {
                int left = wanted.size() - i - 1;
                session.failed(uri + ": " + e.getMessage()
                        + (left > 0 ? "; not asked for the other " + left + " file(s)" : ""));
                break;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                session.failed(uri + ": " + FailureReason.of(e));
            }
        }
        return got;
    }

    /** The most bytes accepted for a file's {@code .gz}: its pinned size, or a little over the uncompressed size. */
    private static long maxGzBytes(PinnedFile f) {
        return f.gzSize() >= 0 ? f.gzSize() : f.size() + f.size() / 100 + 1024;
    }

    private static void gunzip(Path gz, Path file, long size) throws IOException {
        long written = 0;
        try (InputStream in = new GzipMembersInputStream(new BufferedInputStream(Files.newInputStream(gz), 1 << 16),
                gz.toString()); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                if (written > size) {
                    throw new IOException("decompresses to more than the " + size + " bytes expected");
                }
                out.write(buffer, 0, n);
            }
        } catch (MnistFormatException e) {
            // the module's one gzip reader: headers, CRC-32, lengths and trailing bytes checked, cut-short data named
            throw new IOException("is not valid gzip data (" + FailureReason.of(e) + ")", e);
        }
    }

    @Override
    public String toString() {
        return base.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MirrorSource m && m.base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }
}
