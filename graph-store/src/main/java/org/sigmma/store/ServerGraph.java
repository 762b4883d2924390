package org.sigmma.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.AuthToken;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.write.CypherEmbeddingWriter;
import org.sigmma.store.write.CypherSectionWriter;
import org.sigmma.store.write.EmbeddingWriter;
import org.sigmma.store.write.SectionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's graph on a Neo4j server (or cluster) over Bolt: the same schema, graph model and library queries as
 * the embedded store, written through Cypher ({@link CypherSectionWriter}, {@link CypherEmbeddingWriter}). Connecting
 * checks the address and the credentials, applies the schema (idempotent) and sweeps what stopped clients left
 * (LOADING sections whose heartbeat is older than the lease; see {@link Recovery#sweepServer}). The files the graph
 * refers to (tile images, run checkpoints) stay under this client's data folder: clients that share a server and
 * read each other's tiles must share that folder too (docs/deployment.md).
 */
public final class ServerGraph implements GraphStore {

    private static final Logger LOG = LoggerFactory.getLogger(ServerGraph.class);

    /** A LOADING section whose ingest has been silent this long is taken for the leftover of a stopped client. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final DriverAccess access;
    private final Path dataDir;
    private final CypherSectionWriter.Options writeOptions;

    private ServerGraph(DriverAccess access, Path dataDir, CypherSectionWriter.Options writeOptions) {
        this.access = access;
        this.dataDir = dataDir;
        this.writeOptions = writeOptions;
    }

    /**
     * Connects, applies the schema and sweeps.
     *
     * @param database the database on the server, or null for its default
     * @param dataDir  this client's folder for tile images and run checkpoints
     */
    public static ServerGraph connect(String uri, AuthToken auth, String database, Path dataDir, Duration lease) {
        long start = System.nanoTime();
        DriverAccess access = new DriverAccess(uri, auth, database);
        try {
            access.verify();
            for (String stmt : CypherLibrary.statements(CypherLibrary.SCHEMA)) {
                access.write(stmt, Map.of());
            }
            access.write("CALL db.awaitIndexes(120)", Map.of());
            Recovery.sweepServer(access, dataDir, lease);
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
        LOG.info("graph store ready at {} in {} ms", uri, (System.nanoTime() - start) / 1_000_000);
        return new ServerGraph(access, dataDir, CypherSectionWriter.Options.defaults());
    }

    /** The GDS version the server answers, or empty when it has no GDS (clusters and niches need it). */
    public Optional<String> gdsVersion() {
        try {
            return access.read(CypherLibrary.query(CypherLibrary.GDS_VERSION), Map.of()).stream()
                    .map(r -> Values.asString(r.get("v"))).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void requireGds() {
        if (gdsVersion().isEmpty()) {
            throw new IllegalStateException("Neo4j at " + access.describe() + " has no Graph Data Science (gds.version() "
                    + "is not answered): put the GDS plugin jar in the server's plugins/ folder and set "
                    + "dbms.security.procedures.unrestricted=gds.* (docs/deployment.md)");
        }
    }

    @Override
    public GraphAccess access() {
        return access;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public ReadOnlyCypher.Rows readOnlyCypher(String cypher, Map<String, Object> params, ReadOnlyCypher.Limits limits) {
        // over Bolt a transaction carries its time-out but not a memory limit: the server's own
        // db.memory.transaction.max applies (docs/deployment.md), and the server terminates its timed-out queries
        return access.readOnly(cypher, params, limits.timeout(), limits.maxRows());
    }

    @Override
    public SectionWriter sectionWriter() {
        return new CypherSectionWriter(access, writeOptions);
    }

    @Override
    public EmbeddingWriter embeddingWriter() {
        return new CypherEmbeddingWriter(access);
    }

    @Override
    public void close() {
        access.close();
    }
}
