package org.sigmma.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.storageengine.api.TransactionIdStore;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.api.exceptions.Status;
import org.sigmma.store.EmbeddedGraph;
import org.sigmma.store.GraphStore;
import org.sigmma.store.ReadOnlyCypher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server of the platform (Javalin on Jetty), over an open {@link EmbeddedGraph}: sections, tiles and cells
 * in a box, tile subgraphs, microenvironments and their maps, H&amp;E tile crops, retrieval, runs, read-only Cypher,
 * health, version and the OpenAPI document under {@code /api}, and the viewer page at {@code /viewer}. POSTs need the write token ({@code Authorization: Bearer ...}); GETs need the
 * read token when one is configured (health and the OpenAPI document stay open). Errors are JSON
 * {@code {error, status}}.
 */
public final class SigmmaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SigmmaServer.class);
    /** Paths that need no token: probes and the API description. */
    static final Set<String> OPEN_PATHS = Set.of("/api/health", "/api/openapi.json");

    private final ServerConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Javalin app;
    private final ResponseCache cache;
    private final RequestBudget budget;
    private Routes declared;
    private List<Routes.Route> routes = List.of();

    public SigmmaServer(GraphStore graph, ServerConfig config) {
        this(graph, config, null, defaultMaxThreads());
    }

    /** @param jobs the ingest job queue ({@code serve --inbox}), or null: jobs are listed but not accepted */
    public SigmmaServer(GraphStore graph, ServerConfig config, org.sigmma.ingest.jobs.JobQueue jobs) {
        this(graph, config, jobs, defaultMaxThreads());
    }

    /** @param maxThreads the largest Jetty thread pool (acceptor and selector included) */
    public SigmmaServer(GraphStore graph, ServerConfig config, int maxThreads) {
        this(graph, config, null, maxThreads);
    }

    /**
     * Jetty's threads move bytes and answer from the response cache; the work of a request runs on the
     * {@link RequestBudget}'s workers. A bounded pool (Javalin's default goes to 250) keeps a burst of connections
     * from spawning a thread each.
     */
    static int defaultMaxThreads() {
        return 8 + 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Requests computed at once. Two per core keep the cores busy while one waits on a page fault; more only
     * time-slice the cores among requests and stretch the tail (at 32 clients on 2 cores, 4 workers gave a p99 of
     * 28 ms on the uncached cluster list where 12 gave 41 ms, at the same throughput). Jetty's threads only move bytes
     * and answer from the cache, so its pool may be larger.
     */
    static int defaultWorkers() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param jobs       the ingest job queue, or null
     * @param maxThreads the largest Jetty thread pool (acceptor and selector included)
     */
    public SigmmaServer(GraphStore graph, ServerConfig config, org.sigmma.ingest.jobs.JobQueue jobs, int maxThreads) {
        this.config = config;
        Reads reads = new Reads(graph.access(), json, config.requestTimeout());
        SystemApi system = new SystemApi(graph.access());
        SectionsApi sections = new SectionsApi(reads, config);
        TilesApi tiles = new TilesApi(reads, config, graph.dataDir());
        MapApi maps = new MapApi(reads);
        ClustersApi clusters = new ClustersApi(reads, config);
        RunsApi runs = new RunsApi(reads, config);
        CypherApi cypher = new CypherApi(graph, config, json);
        JobsApi jobsApi = new JobsApi(graph.access(), jobs, config, json);
        this.cache = new ResponseCache(config.cacheEntries(), 64L << 20, 2 << 20);
        // a server commits other clients' writes unseen: no generation to key the cache on, so nothing is cached
        LongSupplier generation = graph instanceof EmbeddedGraph e ? lastCommittedTransaction(e.db()) : () -> -1;
        this.budget = new RequestBudget(defaultWorkers(), 1024, config.requestTimeout());
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(maxThreads, 4));
            pool.setName("sigmma-http");
            cfg.jetty.threadPool = pool;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.routes.before(this::guard);
            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            cfg.routes.exception(ReadOnlyCypher.RefusedQueryException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
            cfg.routes.exception(Exception.class, this::unexpected);
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "no route " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
                }
            });
            Routes r = new Routes(cfg.routes, json, cache, generation, budget);
            this.declared = r;
            system.register(r);
            sections.register(r);
            tiles.register(r);
            clusters.register(r);
            maps.register(r);
            runs.register(r);
            cypher.register(r);
            jobsApi.register(r);
            this.routes = r.declared();
            ViewerPage.register(cfg.routes);
        });
    }

    /** Starts listening; {@link #port()} tells where when the configured port was 0. */
    public SigmmaServer start() {
        app.start();
        LOG.info("REST API on http://{}:{}/api ({})", config.host(), app.port(), config);
        return this;
    }

    public void stop() {
        app.stop();
        budget.close();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** The Javalin application, not started (for javalin-testtools, which starts it on a free port). */
    public Javalin javalin() {
        return app;
    }

    /** Every declared route as "METHOD path" (the OpenAPI document must describe each). */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Told the cache key of each GET that is computed rather than served from the cache (tests hold one on purpose). */
    void onCacheFill(java.util.function.Consumer<String> listener) {
        declared.onCacheFill(listener);
    }

    /** Responses held by the cache now (for tests and logs). */
    public int cachedResponses() {
        return cache.size();
    }

    /**
     * The database's last committed transaction id: the state every cached response and ETag refers to. Reading it is
     * a volatile read in the store; a negative supplier when the store does not expose it (then nothing is cached).
     */
    static LongSupplier lastCommittedTransaction(GraphDatabaseService db) {
        try {
            TransactionIdStore ids = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(TransactionIdStore.class);
            return ids::getLastCommittedTransactionId;
        } catch (RuntimeException e) {
            LOG.warn("no transaction id store in this database ({}): GET responses are not cached", e.toString());
            return () -> -1;
        }
    }

    /** Tokens first (nothing about the request is looked at without one), then the body size. */
    private void guard(Context ctx) {
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
                && ctx.method() != HandlerType.OPTIONS;
        if (write) {
            requireToken(ctx, config.writeToken(), null);
        } else if (config.readToken() != null && !OPEN_PATHS.contains(ctx.path())) {
            requireToken(ctx, config.readToken(), config.writeToken());
        }
        if (ctx.contentLength() > config.maxBodyBytes()) {
            throw new ApiException(413, "the request body has " + ctx.contentLength() + " bytes, more than the limit of "
                    + config.maxBodyBytes());
        }
    }

    private static void requireToken(Context ctx, String token, String alsoAccepted) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"sigmma\"");
            throw new ApiException(401, "this endpoint needs a token: Authorization: Bearer <token>");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))
                || (alsoAccepted != null && MessageDigest.isEqual(given, alsoAccepted.getBytes(StandardCharsets.UTF_8)));
        if (!ok) {
            throw new ApiException(403, "the token is not valid for this endpoint");
        }
    }

    private void unexpected(Exception e, Context ctx) {
        Status status = neo4jStatus(e);
        String driverCode = driverCode(e);
        String code = driverCode != null ? driverCode : status != null ? status.code().serialize() : null;
        if (code != null && (code.contains("TransactionMemoryLimit") || code.contains("OutOfMemoryError"))) {
            // a query over its memory: the user's to change, not the server's fault
            error(ctx, 400, "the query needs more memory than its limit of " + (config.cypher().maxMemoryBytes() >> 20)
                    + " MiB (serve --cypher-memory-mb; against a server, its db.memory.transaction.max): "
                    + firstLine(e.getMessage()));
        } else if (driverCode != null && driverCode.contains("TimedOut")) {
            error(ctx, 408, "the query exceeded the time-out of " + config.cypherTimeout().toMillis() + " ms");
        } else if (driverCode != null && driverCode.startsWith("Neo.ClientError")) {
            error(ctx, 400, "Cypher: " + firstLine(e.getMessage()) + " (" + driverCode + ")");
        } else if (status != null && status.code().serialize().contains("TimedOut")) {
            error(ctx, 408, "the query exceeded the time-out of " + config.cypherTimeout().toMillis() + " ms");
        } else if (status != null && status.code().classification() == Status.Classification.ClientError) {
            error(ctx, 400, "Cypher: " + firstLine(e.getMessage()) + " (" + status.code().serialize() + ")");
        } else if (e instanceof QueryExecutionException q && q.getStatusCode() != null
                && q.getStatusCode().startsWith("Neo.ClientError")) {
            error(ctx, 400, "Cypher: " + firstLine(e.getMessage()) + " (" + q.getStatusCode() + ")");
        } else {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName() + " (see the server log)");
        }
    }

    /** The status code a Neo4j server sent over Bolt (serve --uri), or null. */
    static String driverCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.neo4j.driver.exceptions.Neo4jException n && n.code() != null) {
                return n.code();
            }
        }
        return null;
    }

    /** The Neo4j status behind an exception, or null. */
    static Status neo4jStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Status.HasStatus s) {
                return s.status();
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        ctx.status(status).json(body);
    }
}
