package org.sigmma.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs Cypher against the graph, wherever it lives: the embedded database or a Neo4j server through the Java
 * driver. Every typed read of the platform goes through this, so the same calls serve both deployments.
 * Rows come back as plain Java values (see {@link Values} to read numbers and arrays from either side).
 */
public interface GraphAccess extends AutoCloseable {

    /** Runs a query in a read transaction. */
    List<Map<String, Object>> read(String cypher, Map<String, Object> params);

    /**
     * Runs a query in a read transaction that the database terminates once {@code timeout} has passed (a REST
     * request's budget); where the access cannot bound one transaction, the database's own time-out applies.
     */
    default List<Map<String, Object>> read(String cypher, Map<String, Object> params, Duration timeout) {
        return read(cypher, params);
    }

    /** Runs a query in a write transaction and commits it. */
    List<Map<String, Object>> write(String cypher, Map<String, Object> params);

    /** A short description for logs ("embedded /path" or "bolt://host:port"). */
    String describe();

    @Override
    default void close() {
    }
}
