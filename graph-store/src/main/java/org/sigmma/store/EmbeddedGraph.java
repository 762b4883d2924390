package org.sigmma.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.write.EmbeddedEmbeddingWriter;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.EmbeddingWriter;
import org.sigmma.store.write.SectionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Neo4j database of the platform: opened or created in a data directory, with the schema of
 * {@code cypher/schema-write.cypher}, the GDS procedures registered, optionally the Bolt connector, and a JVM shutdown
 * hook so that SIGTERM closes the store cleanly. What a killed process left is swept on open: LOADING sections
 * (removed, FAILED), RUNNING jobs (FAILED "interrupted"), RUNNING runs (INTERRUPTED) and half write-backs (undone).
 */
public final class EmbeddedGraph implements GraphStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGraph.class);

    static {
        // GDS estimates memory with JOL, which otherwise attaches the HotSpot Serviceability Agent in a child
        // process: that took tens of seconds per GDS call here. The estimate stays, from JOL's plain model.
        if (System.getProperty("jol.skipHotspotSAAttach") == null) {
            System.setProperty("jol.skipHotspotSAAttach", "true");
        }
    }

    private final StoreSettings settings;
    private final DatabaseManagementService dbms;
    private final GraphDatabaseService db;
    private final EmbeddedAccess access;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedGraph(StoreSettings settings) {
        this.settings = settings;
        long start = System.nanoTime();
        Path home = settings.dataDir().toAbsolutePath();
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, settings.pageCacheBytes())
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .setConfig(GraphDatabaseSettings.tx_state_memory_allocation,
                        GraphDatabaseSettings.TransactionStateMemoryAllocation.ON_HEAP)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5));
        if (settings.boltPort().isPresent()) {
            builder.setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", settings.boltPort().getAsInt()));
        } else {
            builder.setConfig(BoltConnector.enabled, false);
        }
        this.dbms = builder.build();
        this.db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        this.access = new EmbeddedAccess(db, "embedded " + home);
        this.shutdownHook = new Thread(this::closeQuietly, "sigmma-store-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (settings.registerGds()) {
            GlobalProcedures procedures = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(GlobalProcedures.class);
            GdsRegistrar.register(procedures);
        }
        applySchema();
        // what a killed process left: half sections, RUNNING jobs and runs, half write-backs
        Recovery.sweep(access, settings.dataDir());
        LOG.info("graph store ready at {} in {} ms{}", home, (System.nanoTime() - start) / 1_000_000,
                settings.boltPort().isPresent() ? ", bolt://127.0.0.1:" + settings.boltPort().getAsInt() : "");
    }

    /** Opens (or creates) the database described by the settings. */
    public static EmbeddedGraph open(StoreSettings settings) {
        return new EmbeddedGraph(settings);
    }

    private void applySchema() {
        for (String stmt : CypherLibrary.statements(CypherLibrary.SCHEMA)) {
            db.executeTransactionally(stmt);
        }
        try (var tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(2, java.util.concurrent.TimeUnit.MINUTES);
            tx.commit();
        }
    }

    public GraphDatabaseService db() {
        return db;
    }

    @Override
    public GraphAccess access() {
        return access;
    }

    @Override
    public Path dataDir() {
        return settings.dataDir();
    }

    @Override
    public ReadOnlyCypher.Rows readOnlyCypher(String cypher, Map<String, Object> params, ReadOnlyCypher.Limits limits) {
        return new ReadOnlyCypher(db, limits).run(cypher, params);
    }

    @Override
    public SectionWriter sectionWriter() {
        return new EmbeddedSectionWriter(db);
    }

    @Override
    public EmbeddingWriter embeddingWriter() {
        return new EmbeddedEmbeddingWriter(db);
    }

    public StoreSettings settings() {
        return settings;
    }

    /** The Bolt URI of this database, when its connector is open. */
    public String boltUri() {
        return settings.boltPort().isPresent() ? "bolt://127.0.0.1:" + settings.boltPort().getAsInt() : null;
    }

    /** Runs one query and returns the rows (a convenience for tests and the command line). */
    public List<Map<String, Object>> query(String cypher, Map<String, Object> params) {
        return access.read(cypher, params);
    }

    private void closeQuietly() {
        if (!closed) {
            closed = true;
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("error while closing the graph store: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }
}
