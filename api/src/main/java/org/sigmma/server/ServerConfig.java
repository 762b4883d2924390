package org.sigmma.server;

import java.time.Duration;
import org.sigmma.store.ReadOnlyCypher;

/**
 * How the REST server runs: where it listens (loopback by default), the bearer tokens, and the limits on request
 * bodies, pages and user Cypher.
 *
 * @param port           TCP port; 0 picks a free one (see {@link SigmmaServer#port()})
 * @param host           the address to bind, 127.0.0.1 unless the server must be reachable from elsewhere
 * @param writeToken     the bearer token every POST needs
 * @param readToken      when not null, the bearer token GETs need (the write token is accepted too)
 * @param maxBodyBytes   larger request bodies are refused with 413
 * @param maxPageSize    the largest {@code limit} a list accepts (the default page is {@value #DEFAULT_PAGE_SIZE} or
 *                       this, whichever is smaller)
 * @param cypher         what one user Cypher query may use: its time-out, rows and memory
 * @param cacheEntries   rendered GET responses kept until the next write to the database (0: no cache)
 * @param requestTimeout the budget of one request from its arrival: a request that cannot be answered in it gets a
 *                       JSON 503 naming what it was waiting for, and its database transaction is terminated
 */
public record ServerConfig(int port, String host, String writeToken, String readToken, long maxBodyBytes,
                           int maxPageSize, ReadOnlyCypher.Limits cypher, int cacheEntries,
                           Duration requestTimeout) {

    public static final int DEFAULT_PORT = 7474;
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PAGE_SIZE = 100;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (writeToken == null || writeToken.isBlank()) {
            throw new IllegalArgumentException("a write token is required (every POST endpoint needs one)");
        }
        if (readToken != null && readToken.isBlank()) {
            throw new IllegalArgumentException("the read token must be null (reads open) or not blank");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be positive, was " + maxPageSize);
        }
        if (cypher == null) {
            throw new IllegalArgumentException("the Cypher limits must not be null");
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must not be negative, was " + cacheEntries);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /** The budget of a request unless told otherwise: far above any answer of a healthy server, below clients' 30 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Port 7474 on loopback, reads open, 1 MiB bodies, pages up to 1000, Cypher 30 s, 10,000 rows and
     * 1,024 MiB ({@link ReadOnlyCypher.Limits#DEFAULT_MAX_MEMORY_MB}), 1024 cached responses, 10 s per request.
     */
    public static ServerConfig defaults(String writeToken) {
        return new ServerConfig(DEFAULT_PORT, LOOPBACK, writeToken, null, 1L << 20, 1000,
                new ReadOnlyCypher.Limits(Duration.ofSeconds(30), 10_000, ReadOnlyCypher.Limits.DEFAULT_MAX_MEMORY_MB << 20), 1024,
                DEFAULT_REQUEST_TIMEOUT);
    }

    public Duration cypherTimeout() {
        return cypher.timeout();
    }

    public int cypherRowLimit() {
        return cypher.maxRows();
    }

    public int defaultPageSize() {
        return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, host, writeToken, readToken, maxBodyBytes, maxPageSize, cypher, cacheEntries, requestTimeout);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(port, h, writeToken, readToken, maxBodyBytes, maxPageSize, cypher, cacheEntries, requestTimeout);
    }

    public ServerConfig withReadToken(String t) {
        return new ServerConfig(port, host, writeToken, t, maxBodyBytes, maxPageSize, cypher, cacheEntries, requestTimeout);
    }

    public ServerConfig withMaxBodyBytes(long b) {
        return new ServerConfig(port, host, writeToken, readToken, b, maxPageSize, cypher, cacheEntries, requestTimeout);
    }

    public ServerConfig withMaxPageSize(int n) {
        return new ServerConfig(port, host, writeToken, readToken, maxBodyBytes, n, cypher, cacheEntries, requestTimeout);
    }

    public ServerConfig withCypher(Duration timeout, int rowLimit) {
        return withCypher(new ReadOnlyCypher.Limits(timeout, rowLimit, cypher.maxMemoryBytes()));
    }

    public ServerConfig withCypher(ReadOnlyCypher.Limits limits) {
        return new ServerConfig(port, host, writeToken, readToken, maxBodyBytes, maxPageSize, limits, cacheEntries, requestTimeout);
    }

    public ServerConfig withCacheEntries(int n) {
        return new ServerConfig(port, host, writeToken, readToken, maxBodyBytes, maxPageSize, cypher, n, requestTimeout);
    }

    public ServerConfig withRequestTimeout(Duration t) {
        return new ServerConfig(port, host, writeToken, readToken, maxBodyBytes, maxPageSize, cypher,
                cacheEntries, t);
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", read token " + (readToken == null ? "off" : "on")
                + ", maxBodyBytes " + maxBodyBytes + ", maxPageSize " + maxPageSize + ", cypher " + cypher.timeout()
                + " / " + cypher.maxRows() + " rows / " + (cypher.maxMemoryBytes() >> 20) + " MiB, " + cacheEntries + " cached responses, request budget " + requestTimeout + "]";
    }
}
