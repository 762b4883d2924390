package org.sigmma.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/** {@link GraphAccess} over an embedded database: rows are materialised inside the transaction. */
public final class EmbeddedAccess implements GraphAccess {

    private final GraphDatabaseService db;
    private final String description;

    public EmbeddedAccess(GraphDatabaseService db, String description) {
        this.db = db;
        this.description = description;
    }

    @Override
    public List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
        try (Transaction tx = db.beginTx()) {
            List<Map<String, Object>> rows = collect(tx.execute(cypher, params));
            tx.commit();
            return rows;
        }
    }

    @Override
    public List<Map<String, Object>> read(String cypher, Map<String, Object> params, Duration timeout) {
        try (Transaction tx = db.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<Map<String, Object>> rows = collect(tx.execute(cypher, params));
            tx.commit();
            return rows;
        }
    }

    @Override
    public List<Map<String, Object>> write(String cypher, Map<String, Object> params) {
        return read(cypher, params);
    }

    private static List<Map<String, Object>> collect(Result result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.hasNext()) {
            rows.add(new LinkedHashMap<>(result.next()));
        }
        return rows;
    }

    GraphDatabaseService db() {
        return db;
    }

    @Override
    public String describe() {
        return description;
    }
}
