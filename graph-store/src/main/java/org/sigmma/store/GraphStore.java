package org.sigmma.store;

import java.nio.file.Path;
import org.sigmma.store.write.EmbeddingWriter;
import org.sigmma.store.write.SectionWriter;

/**
 * Where the platform's graph lives and how each kind of bulk write reaches it: the embedded database
 * ({@link EmbeddedGraph}, the default) or a Neo4j server over Bolt ({@link ServerGraph}). Typed reads and small writes
 * go through {@link #access()}; sections and write-backs through their writers, each the fastest path its side
 * allows. Files the graph refers to (tile images, run checkpoints) live under {@link #dataDir()} on the client.
 */
public interface GraphStore extends AutoCloseable {

    /** Cypher reads and writes against this graph. */
    GraphAccess access();

    /** The client-side folder of the files the graph refers to: {@code tiles/}, {@code runs/}. */
    Path dataDir();

    /** Writes a section's cells, NEAR edges and tiles under its LOADING Section node. */
    SectionWriter sectionWriter();

    /** Writes a run's embeddings and LEARNED edges back, tile by tile. */
    EmbeddingWriter embeddingWriter();

    /**
     * Checks that Graph Data Science answers here (clusters and niches run its k-means), with one message naming the
     * store and what to install where it does not.
     */
    default void requireGds() {
    }

    /**
     * Runs a user's query read-only ({@link ReadOnlyCypher}'s checks, a read transaction within the limits):
     * {@code sigmma cypher} and POST /api/cypher.
     */
    ReadOnlyCypher.Rows readOnlyCypher(String cypher, java.util.Map<String, Object> params, ReadOnlyCypher.Limits limits);

    /** "embedded /path" or the server's address, for messages. */
    default String describe() {
        return access().describe();
    }

    @Override
    void close();
}
