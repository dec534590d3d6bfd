package io.github.mnistnn.examples.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perSecond} requests a second on average, bursts of up to
 * {@code burst}. Thread-safe; buckets of clients quiet for a minute are dropped, so memory stays bounded by the
 * clients of the last minute.
 *
 * <pre>{@code
 * ClientRateLimit limit = new ClientRateLimit(50, 100);
 * long waitSeconds = limit.acquire("127.0.0.1", System.nanoTime()); // 0: go ahead
 * }</pre>
 */
final class ClientRateLimit {
    private static final long IDLE_NANOS = 60_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    ClientRateLimit(double perSecond, double burst) {
        if (!(perSecond > 0) || !(burst >= 1) || Double.isInfinite(perSecond) || Double.isInfinite(burst)) {
            throw new IllegalArgumentException("a rate limit needs a finite rate above 0 and a burst of at least 1,"
                    + " got " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /**
     * Takes one token for a client.
     *
     * @param client the client's address
     * @param now {@link System#nanoTime()}
     * @return 0 if the request may go ahead, else the whole seconds to wait (at least 1), for {@code Retry-After}
     */
    long acquire(String client, long now) {
        if (now - lastSweep > IDLE_NANOS) {
            lastSweep = now;
            buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(now, perSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - last) * 1e-9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
