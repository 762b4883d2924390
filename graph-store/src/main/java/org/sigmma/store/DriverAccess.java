package org.sigmma.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * {@link GraphAccess} over a Neo4j server or cluster (bolt:// or neo4j://) through the official Java driver;
 * also reaches the embedded database when its Bolt connector is open.
 */
public final class DriverAccess implements GraphAccess {

    /** How long a transaction is retried after a lost connection before the server is reported gone. */
    static final Duration RETRY = Duration.ofSeconds(10);

    private final Driver driver;
    private final String uri;
    private final String database;

    public DriverAccess(String uri, AuthToken auth, String database) {
        // a transaction is retried on a lost connection for this long (a cluster's leader switch takes seconds) before a
        // stopped server is reported: the driver's 30 s default made a dead server look like a hang
        this.driver = GraphDatabase.driver(uri, auth, org.neo4j.driver.Config.builder()
                .withMaxTransactionRetryTime(RETRY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build());
        this.uri = uri;
        this.database = database;
    }

    /**
     * Checks that the server answers and takes the credentials, once, so that a bad address or a wrong password is one
     * clear message naming the address before any work starts.
     */
    public DriverAccess verify() {
        try {
            driver.verifyConnectivity();
            return this;
        } catch (org.neo4j.driver.exceptions.AuthenticationException e) {
            throw new IllegalStateException("Neo4j at " + uri + " refused the credentials: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach Neo4j at " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Connects with no authentication (the embedded connector) to the default database. */
    public static DriverAccess connect(String uri) {
        return new DriverAccess(uri, AuthTokens.none(), null);
    }

    private SessionConfig config() {
        return database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
    }

    @Override
    public List<Map<String, Object>> read(String cypher, Map<String, Object> params, Duration timeout) {
        try (Session s = driver.session(config())) {
            return s.executeRead(tx -> tx.run(cypher, params).list(Record::asMap),
                    TransactionConfig.builder().withTimeout(timeout).build());
        } catch (ServiceUnavailableException e) {
            throw gone(e);
        }
    }

    @Override
    public List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
        try (Session s = driver.session(config())) {
            return s.executeRead(tx -> tx.run(cypher, params).list(Record::asMap));
        } catch (ServiceUnavailableException e) {
            throw gone(e);
        }
    }

    @Override
    public List<Map<String, Object>> write(String cypher, Map<String, Object> params) {
        try (Session s = driver.session(config())) {
            return s.executeWrite(tx -> tx.run(cypher, params).list(Record::asMap));
        } catch (ServiceUnavailableException e) {
            throw gone(e);
        }
    }

    /**
     * A user's query, read-only, on the server: the text's limits, then the server's EXPLAIN checked as
     * {@link ReadOnlyCypher} checks the embedded plan (READ_ONLY, allowed procedures and operators only), then run in a
     * READ transaction (the server refuses any write in it) with the time-out, at most {@code maxRows} rows kept.
     */
    public ReadOnlyCypher.Rows readOnly(String cypher, Map<String, Object> params, Duration timeout, int maxRows) {
        ReadOnlyCypher.checkArguments(cypher, params);
        SessionConfig read = (database == null ? SessionConfig.builder() : SessionConfig.builder().withDatabase(database))
                .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build();
        try (Session s = driver.session(read)) {
            return s.executeRead(tx -> {
                org.neo4j.driver.summary.ResultSummary explained = tx.run("EXPLAIN " + cypher, params).consume();
                List<String[]> operators = new java.util.ArrayList<>();
                java.util.Deque<org.neo4j.driver.summary.Plan> todo = new java.util.ArrayDeque<>();
                todo.push(explained.plan());
                while (!todo.isEmpty()) {
                    org.neo4j.driver.summary.Plan op = todo.pop();
                    // a server names its operators with the database: ProcedureCall@neo4j
                    String name = op.operatorType().replaceAll("@.*$", "");
                    org.neo4j.driver.Value details = op.arguments().get("Details");
                    operators.add(new String[] {name, details == null ? "" : details.asString()});
                    op.children().forEach(todo::push);
                }
                ReadOnlyCypher.checkPlan(explained.queryType().name(), operators);
                org.neo4j.driver.Result result = tx.run(cypher, params);
                List<String> columns = result.keys();
                List<Map<String, Object>> rows = new java.util.ArrayList<>();
                boolean truncated = false;
                while (result.hasNext()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    Record r = result.next();
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (String c : columns) {
                        row.put(c, plain(r.get(c)));
                    }
                    rows.add(row);
                }
                return new ReadOnlyCypher.Rows(columns, rows, truncated);
            }, TransactionConfig.builder().withTimeout(timeout).build());
        } catch (org.neo4j.driver.exceptions.ClientException e) {
            if (e.code() != null && e.code().startsWith("Neo.ClientError.Security.")) {
                throw new ReadOnlyCypher.RefusedQueryException("read-only Cypher: the server refused it in a read "
                        + "transaction: " + e.getMessage());
            }
            throw e;
        } catch (ServiceUnavailableException e) {
            throw gone(e);
        }
    }

    /** A driver value as PlainValues makes an embedded one: nodes and relationships as maps, points as coordinates. */
    static Object plain(org.neo4j.driver.Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String type = v.type().name();
        switch (type) {
            case "NODE" -> {
                org.neo4j.driver.types.Node n = v.asNode();
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("labels", n.labels().iterator().hasNext() ? n.labels().iterator().next() : null);
                n.keys().forEach(k -> m.put(k, plain(n.get(k))));
                return m;
            }
            case "RELATIONSHIP" -> {
                org.neo4j.driver.types.Relationship r = v.asRelationship();
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("type", r.type());
                r.keys().forEach(k -> m.put(k, plain(r.get(k))));
                return m;
            }
            case "POINT" -> {
                org.neo4j.driver.types.Point p = v.asPoint();
                return Double.isNaN(p.z()) ? List.of(p.x(), p.y()) : List.of(p.x(), p.y(), p.z());
            }
            case "LIST" -> {
                return v.asList(DriverAccess::plain);
            }
            case "MAP" -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                v.keys().forEach(k -> m.put(k, plain(v.get(k))));
                return m;
            }
            case "STRING", "INTEGER", "FLOAT", "BOOLEAN" -> {
                return v.asObject();
            }
            default -> {
                return v.toString();
            }
        }
    }

    /** The server stopped answering (after the driver's own retries): one message naming it. */
    private IllegalStateException gone(ServiceUnavailableException e) {
        return new IllegalStateException("Neo4j at " + uri + " does not answer (stopped, or the network is down): "
                + e.getMessage(), e);
    }

    @Override
    public String describe() {
        return uri;
    }

    @Override
    public void close() {
        driver.close();
    }
}
