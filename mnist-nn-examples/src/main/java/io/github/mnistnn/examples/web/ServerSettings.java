package io.github.mnistnn.examples.web;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a {@link DigitServer} listens and what it takes: the address (loopback unless told otherwise), the port (0
 * for any free one), the largest request body, the requests a second each client may make (with bursts), and
 * the threads that answer, and the token that the endpoints starting work (training) require: none on loopback,
 * a random one, made when the settings move to another address, unless one is given.
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.loopback(8080).withRateLimit(100, 200);
 * }</pre>
 *
 * @param address where to listen
 * @param port the port, 0 for any free one
 * @param maxBodyBytes the largest request body taken; a larger one is answered 413
 * @param requestsPerSecond each client's average rate
 * @param burst each client's burst
 * @param threads the threads answering requests
 * @param token what {@code POST /api/train} and its cancel require as {@code Authorization: Bearer TOKEN}, or
 *        {@code null} for nothing
 */
public record ServerSettings(InetAddress address, int port, int maxBodyBytes, double requestsPerSecond,
        double burst, int threads, String token) {
    /** The default body limit: a PNG of a large drawing fits, 1 MiB. */
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    public ServerSettings {
        if (address == null) {
            throw new IllegalArgumentException("the server needs an address to listen on");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0 to 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("the server needs 1 to 256 threads, got " + threads);
        }
        if (token != null && !token.matches("[A-Za-z0-9._~-]{16,128}")) {
            throw new IllegalArgumentException("a token is 16 to 128 letters, digits, '.', '_', '~' or '-'");
        }
        new ClientRateLimit(requestsPerSecond, burst);
    }

    /**
     * The defaults on 127.0.0.1: 1 MiB bodies, 500 requests a second per client with bursts of 1,000, two
     * threads per core.
     *
     * @param port the port, 0 for any free one
     * @return the settings
     */
    public static ServerSettings loopback(int port) {
        return new ServerSettings(InetAddress.getLoopbackAddress(), port, DEFAULT_MAX_BODY, 500, 1000,
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), null);
    }

    /**
     * These settings on another address; off loopback, with a random token unless they have one.
     *
     * @param to where to listen
     * @return the new settings
     */
    public ServerSettings withAddress(InetAddress to) {
        String t = token != null || to.isLoopbackAddress() ? token : randomToken();
        return new ServerSettings(to, port, maxBodyBytes, requestsPerSecond, burst, threads, t);
    }

    /**
     * These settings with another token.
     *
     * @param required what training requires, or {@code null} for nothing
     * @return the new settings
     */
    public ServerSettings withToken(String required) {
        return new ServerSettings(address, port, maxBodyBytes, requestsPerSecond, burst, threads, required);
    }

    /** 128 random bits as 32 hex digits. */
    static String randomToken() {
        byte[] bits = new byte[16];
        new SecureRandom().nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /**
     * These settings with another rate limit.
     *
     * @param perSecond each client's average rate
     * @param burstOf each client's burst
     * @return the new settings
     */
    public ServerSettings withRateLimit(double perSecond, double burstOf) {
        return new ServerSettings(address, port, maxBodyBytes, perSecond, burstOf, threads, token);
    }

    /**
     * These settings with another body limit.
     *
     * @param bytes the largest request body taken
     * @return the new settings
     */
    public ServerSettings withMaxBody(int bytes) {
        return new ServerSettings(address, port, bytes, requestsPerSecond, burst, threads, token);
    }
}
