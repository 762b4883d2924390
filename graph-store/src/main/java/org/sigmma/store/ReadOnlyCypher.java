package org.sigmma.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Runs user-supplied Cypher that must not change anything: the planner is asked first (EXPLAIN) and only
 * READ_ONLY queries run, within a time-out and a row limit. dbms and admin procedures are refused too, since
 * the planner reports many of them as reads. Rows come back as plain values (maps, lists, numbers, strings).
 */
public final class ReadOnlyCypher {

    private final GraphDatabaseService db;
    private final Duration timeout;
    private final int maxRows;

    public ReadOnlyCypher(GraphDatabaseService db, Duration timeout, int maxRows) {
        this.db = db;
        this.timeout = timeout;
        this.maxRows = maxRows;
    }

    /** The rows, the column names, and whether the row limit cut the result. */
    public record Rows(List<String> columns, List<Map<String, Object>> rows, boolean truncated) {
    }

    /** Thrown when the query would write, or is not allowed. */
    public static final class RefusedQueryException extends RuntimeException {
        public RefusedQueryException(String message) {
            super(message);
        }
    }

    public Rows run(String cypher, Map<String, Object> params) {
        String lower = cypher.toLowerCase(Locale.ROOT);
        if (lower.matches("(?s).*\\bcall\\s+(dbms|db\\.(create|index|clear|checkpoint|awaitindex|resample|prepare)|tx\\.|apoc\\.).*")) {
            throw new RefusedQueryException("read-only Cypher: dbms, db administration and tx procedures are not allowed");
        }
        try (Transaction tx = db.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            QueryExecutionType type;
            try (Result plan = tx.execute("EXPLAIN " + cypher, params)) {
                type = plan.getQueryExecutionType();
            }
            if (type.queryType() != QueryExecutionType.QueryType.READ_ONLY) {
                throw new RefusedQueryException("read-only Cypher: the query is " + type.queryType()
                        + " (writes, schema changes and write procedures are refused)");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean truncated = false;
            List<String> columns;
            try (Result result = tx.execute(cypher, params)) {
                columns = result.columns();
                while (result.hasNext()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    result.next().forEach((k, v) -> row.put(k, PlainValues.plain(v)));
                    rows.add(row);
                }
            }
            tx.rollback();
            return new Rows(columns, rows, truncated);
        }
    }
}
