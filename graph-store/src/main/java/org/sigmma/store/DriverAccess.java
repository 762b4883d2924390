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
