package io.github.mnistnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip file (RFC 1952) strictly. A gzip file is a series of members, and, as {@code gunzip}
 * does, every member is decompressed in turn; but where {@link java.util.zip.GZIPInputStream} silently stops at
 * bytes after a member that do not start a further valid member, this stream refuses them: the file must end
 * exactly after its last complete member (so zero padding after the stream is refused too). Each member's
 * header (method, reserved flags, optional fields, header CRC), its deflate data and its CRC-32 and length
 * trailer are checked. Every failure is a {@link MnistFormatException} naming the source and the byte offset
 * in the compressed file.
 */
final class GzipMembersInputStream extends InputStream {
    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xE0;

    private final InputStream in;
    private final String source;
    private final byte[] raw = new byte[1 << 16];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 dataCrc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    /** The compressed file offset of {@code raw[0]}. */
    private long rawBase;
    private int pos;
    private int limit;
    private boolean inMember;
    private boolean finished;
    private long members;
    private long memberBytes;

    /**
     * A stream over the decompressed bytes of all members.
     *
     * @param in the compressed bytes, from their first byte; closed by {@link #close()}
     * @param source what error messages call the file
     */
    GzipMembersInputStream(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!finished) {
            if (!inMember && !startMember()) {
                finished = true;
                break;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw MnistFormatException.atByte(source, consumedOffset(), "valid deflate data in gzip member "
                        + (members + 1), "damaged data (" + FailureReason.of(e) + ")");
            }
            if (n > 0) {
                dataCrc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                endMember();
            } else if (inflater.needsDictionary()) {
                throw MnistFormatException.atByte(source, consumedOffset(), "deflate data without a preset "
                        + "dictionary", "data that needs one");
            } else if (inflater.needsInput()) {
                pos = limit;
                if (!fill()) {
                    throw MnistFormatException.atByte(source, rawBase + limit, "the rest of gzip member "
                            + (members + 1), "the end of the file (truncated)");
                }
                inflater.setInput(raw, pos, limit - pos);
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    /** Reads a member header; false at the end of the file after at least one member. */
    private boolean startMember() throws IOException {
        long start = rawBase + pos;
        headerCrc.reset();
        int id1 = headerByte(true);
        if (id1 < 0) {
            if (members == 0) {
                throw MnistFormatException.atByte(source, start, "a gzip header", "an empty file");
            }
            return false;
        }
        int id2 = headerByte(true);
        if (id1 != ID1 || id2 != ID2) {
            String what = members == 0 ? "the gzip magic bytes 0x1f 0x8b"
                    : "the end of the file, or a further gzip member (0x1f 0x8b), after member " + members;
            String found = id2 < 0 ? String.format("byte 0x%02x, then the end of the file", id1)
                    : String.format("bytes 0x%02x 0x%02x, which start no gzip member", id1, id2);
            throw MnistFormatException.atByte(source, start, what, found);
        }
        int method = headerByte(false);
        if (method != DEFLATE) {
            throw MnistFormatException.atByte(source, start + 2, "gzip compression method 8 (deflate)",
                    "method " + method);
        }
        int flags = headerByte(false);
        if ((flags & RESERVED_FLAGS) != 0) {
            throw MnistFormatException.atByte(source, start + 3, "gzip flags with the reserved bits clear",
                    String.format("flags 0x%02x", flags));
        }
        for (int i = 0; i < 6; i++) {
            headerByte(false); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte(false) | headerByte(false) << 8;
            for (int i = 0; i < length; i++) {
                headerByte(false);
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte(false) != 0) {
                // the original file name, NUL-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte(false) != 0) {
                // a comment, NUL-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xFFFF);
            long at = rawBase + pos;
            int found = headerByte(false) | headerByte(false) << 8;
            if (found != expected) {
                throw MnistFormatException.atByte(source, at, String.format("gzip header CRC 0x%04x", expected),
                        String.format("0x%04x (damaged header)", found));
            }
        }
        inflater.reset();
        dataCrc.reset();
        memberBytes = 0;
        inMember = true;
        inflater.setInput(raw, pos, limit - pos);
        pos = limit;
        return true;
    }

    /** Reads and checks the CRC-32 and length trailer after a member's deflate data. */
    private void endMember() throws IOException {
        long at = rawBase + pos;
        long crc = trailerInt();
        long size = trailerInt();
        if (crc != dataCrc.getValue()) {
            throw MnistFormatException.atByte(source, at, String.format("the CRC-32 0x%08x of gzip member %d's data",
                    dataCrc.getValue(), members + 1), String.format("0x%08x (damaged data)", crc));
        }
        if (size != (memberBytes & 0xFFFF_FFFFL)) {
            throw MnistFormatException.atByte(source, at + 4, "gzip member " + (members + 1) + "'s length "
                    + (memberBytes & 0xFFFF_FFFFL) + " (mod 2^32)", size + " (damaged data)");
        }
        members++;
        inMember = false;
    }

    private long trailerInt() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = rawByte();
            if (b < 0) {
                throw MnistFormatException.atByte(source, rawBase + pos, "the 8-byte trailer of gzip member "
                        + (members + 1), "the end of the file (truncated)");
            }
            v |= (long) b << (8 * i);
        }
        return v;
    }

    /** The next header byte, counted in the header CRC; -1 at the end only where {@code endAllowed}. */
    private int headerByte(boolean endAllowed) throws IOException {
        int b = rawByte();
        if (b < 0) {
            if (endAllowed) {
                return -1;
            }
            throw MnistFormatException.atByte(source, rawBase + pos, "a complete gzip header for member "
                    + (members + 1), "the end of the file (truncated)");
        }
        headerCrc.update(b);
        return b;
    }

    private int rawByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return raw[pos++] & 0xFF;
    }

    /** Refills the raw buffer once all of it is used; false at the end of the file. */
    private boolean fill() throws IOException {
        rawBase += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(raw, 0, raw.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private long consumedOffset() {
        return rawBase + limit - inflater.getRemaining();
    }
}
