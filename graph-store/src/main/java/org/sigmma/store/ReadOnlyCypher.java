package org.sigmma.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.graphdb.ExecutionPlanDescription;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.QueryExecutionType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AccessMode;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.memory.LimitedMemoryTracker;
import org.neo4j.memory.MemoryTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one read-only Cypher policy of the platform, used by {@code sigmma cypher} and by {@code POST /api/cypher}.
 * User Cypher runs only when all of these hold:
 * <ol>
 *   <li>the text is at most {@value #MAX_QUERY_LENGTH} characters with at most {@value #MAX_PARAMETERS} parameters;</li>
 *   <li>the planner (EXPLAIN, nothing runs) calls it READ_ONLY: CREATE, MERGE, SET, REMOVE, DELETE, FOREACH with
 *       writes, schema commands, write procedures and administration commands are refused;</li>
 *   <li>no operator of the plan is one that the planner calls a read but that reaches outside the graph or changes
 *       something else: a procedure outside a short list of schema reads ({@link #ALLOWED_PROCEDURES}: so no
 *       {@code dbms.*}, {@code db.*} administration, {@code tx.*} or GDS procedure, including the catalog's
 *       {@code gds.graph.project / drop} and every {@code .mutate / .write / .stream} algorithm, which need or change the
 *       in-memory graph catalog), a GDS function outside {@code gds.similarity.*} and {@code gds.util.*}, LOAD CSV
 *       (files and URLs of the machine), TERMINATE, SHOW other than INDEXES / CONSTRAINTS / PROCEDURES / FUNCTIONS,
 *       and CALL { ... } IN TRANSACTIONS. Names are read from the plan, where Neo4j has already removed comments,
 *       backticks, case and whitespace tricks, so none of these hides a call;</li>
 *   <li>it runs in a transaction whose security context only reads ({@link AccessMode.Static#READ}: the kernel itself
 *       refuses any write that got past the checks above), with a time-out and a memory limit ({@link Limits}), and is
 *       rolled back; at most {@code maxRows} rows come back.</li>
 * </ol>
 * Neo4j stops a timed-out query only where the query touches the store or an operator checks: work inside one
 * expression ({@code reduce} over a long {@code range}, a huge string) runs on and holds its core and memory. A
 * query still running {@link #STOP_GRACE} after its time-out is therefore stopped by force on its own thread
 * ({@link Thread#stop()}: the query is read-only and rolled back on the way out, so nothing stored is at stake),
 * and fails with a {@link QueryStoppedException}, a time-out like any other.
 * Every refusal is a {@link RefusedQueryException} naming what was refused. Rows come back as plain values (maps,
 * lists, numbers, strings).
 */
public final class ReadOnlyCypher {

    /** Longest query text accepted, in characters. */
    public static final int MAX_QUERY_LENGTH = 20_000;
    /** Most parameters one query may carry. */
    public static final int MAX_PARAMETERS = 64;
    /** Procedures a read-only user may call, lower case. */
    public static final Set<String> ALLOWED_PROCEDURES = Set.of("db.labels", "db.relationshiptypes", "db.propertykeys",
            "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "gds.version");
    /** GDS functions that only compute on their arguments or look nodes up. */
    public static final List<String> ALLOWED_GDS_FUNCTIONS = List.of("gds.similarity.", "gds.util.", "gds.version");
    /** Administration operators that only describe the schema and the callable code. */
    public static final Set<String> ALLOWED_SHOW = Set.of("ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions");

    private static final Pattern GDS_CALL = Pattern.compile("(?i)\\bgds\\s*\\.\\s*[A-Za-z0-9_.\\s]+?(?=\\s*\\()");

    /**
     * The kernel's READ access mode, which also lets SHOW INDEXES / CONSTRAINTS describe the schema (READ alone refuses
     * them); every other decision, writes included, is READ's.
     */
    private static final AccessMode READ_AND_SHOW_SCHEMA = (AccessMode) Proxy.newProxyInstance(
            AccessMode.class.getClassLoader(), new Class<?>[] {AccessMode.class}, (proxy, method, args) -> {
                if (method.getName().equals("allowsShowIndex") || method.getName().equals("allowsShowConstraint")) {
                    return true;
                }
                try {
                    return method.invoke(AccessMode.Static.READ, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    /** How long a query may run past its time-out before it is stopped by force. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyCypher.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cypher-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int STOPPING = 2;
    private static final int UNSTOPPABLE = 3;

    /**
     * What one query may use.
     *
     * @param timeout        how long it may run; past it Neo4j terminates it, {@link #STOP_GRACE} later it is stopped
     * @param maxRows        most rows returned; more are cut and the result says so
     * @param maxMemoryBytes most heap its transaction may track (Neo4j's {@code db.memory.transaction.max}, for this
     *                       query alone); 0 for no limit of its own. Over it the query fails with Neo4j's
     *                       {@code MemoryLimitExceededException}
     */
    public record Limits(Duration timeout, int maxRows, long maxMemoryBytes) {
        /**
         * Heap one user query may track by default, in MiB: a quarter of the default 4 GiB heap, so that a few such
         * queries at once leave the process its memory.
         */
        public static final long DEFAULT_MAX_MEMORY_MB = 1024;

        public Limits {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the Cypher time-out must be positive, was " + timeout);
            }
            if (maxRows < 1) {
                throw new IllegalArgumentException("the Cypher row limit must be positive, was " + maxRows);
            }
            if (maxMemoryBytes < 0) {
                throw new IllegalArgumentException("the Cypher memory limit must be 0 (none) or positive, was "
                        + maxMemoryBytes);
            }
        }

        /** A time-out and a row limit, no memory limit of its own. */
        public static Limits of(Duration timeout, int maxRows) {
            return new Limits(timeout, maxRows, 0);
        }

        /** The same limits with another row limit (a request asking for fewer rows). */
        public Limits withMaxRows(int rows) {
            return new Limits(timeout, rows, maxMemoryBytes);
        }
    }

    private final GraphDatabaseService db;
    private final Limits limits;

    public ReadOnlyCypher(GraphDatabaseService db, Limits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** A query that ran past its time-out without stopping and was stopped by force; a time-out to its caller. */
    public static final class QueryStoppedException extends RuntimeException implements Status.HasStatus {
        QueryStoppedException(String message) {
            super(message);
        }

        @Override
        public Status status() {
            return Status.Transaction.TransactionTimedOut;
        }
    }

    /** The rows, the column names, and whether the row limit cut the result. */
    public record Rows(List<String> columns, List<Map<String, Object>> rows, boolean truncated) {
    }

    /** Thrown when the query would write, or reaches for something a read-only query may not. */
    public static final class RefusedQueryException extends RuntimeException {
        public RefusedQueryException(String message) {
            super(message);
        }
    }

    /**
     * Checks and runs one query. Bad arguments (blank, too long, too many parameters) are
     * {@link IllegalArgumentException}s; refusals {@link RefusedQueryException}s; Cypher errors (syntax, missing
     * parameter, time-out) come from Neo4j as {@link QueryExecutionException}s or transaction exceptions.
     */
    public Rows run(String cypher, Map<String, Object> params) {
        checkArguments(cypher, params);
        Thread worker = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        Transaction[] open = new Transaction[1];
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> stop(worker, state),
                limits.timeout().plus(STOP_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        try {
            Rows rows;
            Throwable failure = null;
            try {
                rows = runInTransaction(cypher, params, open);
            } catch (ThreadDeath d) {
                throw d;
            } catch (Throwable t) {
                failure = t;
                rows = null;
            }
            if (!state.compareAndSet(RUNNING, DONE)) {
                awaitStop(state); // the watchdog chose to stop this query: its ThreadDeath is on the way
            }
            dog.cancel(false);
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return rows;
        } catch (ThreadDeath d) {
            if (state.get() != STOPPING) {
                throw d;
            }
            Thread.interrupted(); // the worker lives on for the next request
            if (open[0] != null) {
                try {
                    open[0].close(); // in case the stop came inside its close
                } catch (RuntimeException e) {
                    LOG.debug("closing a stopped query's transaction: {}", e.toString());
                }
            }
            throw new QueryStoppedException("the query exceeded the time-out of " + limits.timeout().toMillis()
                    + " ms and was stopped " + STOP_GRACE.toMillis() + " ms later (its work did not check for termination)");
        }
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void stop(Thread worker, AtomicInteger state) {
        if (!state.compareAndSet(RUNNING, STOPPING)) {
            return;
        }
        LOG.warn("read-only Cypher on {} still running {} ms past its time-out: stopping it", worker.getName(),
                STOP_GRACE.toMillis());
        try {
            worker.stop();
        } catch (UnsupportedOperationException e) { // JDK 20+: Thread.stop is gone, the query runs to its end
            LOG.warn("this JDK cannot stop a thread ({}); the query runs on", e.getMessage());
            state.set(UNSTOPPABLE);
        }
    }

    private static void awaitStop(AtomicInteger state) {
        while (state.get() == STOPPING) {
            Thread.onSpinWait();
        }
    }

    private Rows runInTransaction(String cypher, Map<String, Object> params, Transaction[] open) {
        try (Transaction tx = readTransaction(db, limits.timeout())) {
            open[0] = tx;
            limitMemory(tx, limits.maxMemoryBytes());
            ExecutionPlanDescription plan;
            QueryExecutionType.QueryType type;
            try (Result explained = tx.execute("EXPLAIN " + cypher, params)) {
                plan = explained.getExecutionPlanDescription();
                type = explained.getQueryExecutionType().queryType();
            }
            checkPlan(type, plan);
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean truncated = false;
            List<String> columns;
            try (Result result = tx.execute(cypher, params)) {
                columns = result.columns();
                while (result.hasNext()) {
                    if (rows.size() == limits.maxRows()) {
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
        } catch (QueryExecutionException e) {
            if (forbidden(e)) {
                throw new RefusedQueryException("read-only Cypher: the database refused it in a read-only transaction: "
                        + firstLine(e.getMessage()));
            }
            throw e;
        } catch (RuntimeException e) {
            if (!(e instanceof RefusedQueryException) && forbidden(e)) {
                throw new RefusedQueryException("read-only Cypher: the database refused it in a read-only transaction: "
                        + firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    /** Caps the heap the transaction may track; 0 leaves the database's own limit. */
    static void limitMemory(Transaction tx, long maxBytes) {
        if (maxBytes > 0 && tx instanceof InternalTransaction itx) {
            MemoryTracker tracker = itx.kernelTransaction().memoryTracker();
            if (tracker instanceof LimitedMemoryTracker limited) {
                limited.setLimit(maxBytes);
            }
        }
    }

    /** The limits on the text and the parameters, before anything reaches the planner. */
    public static void checkArguments(String cypher, Map<String, Object> params) {
        if (cypher == null || cypher.isBlank()) {
            throw new IllegalArgumentException("the query must not be empty");
        }
        if (cypher.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("the query has " + cypher.length() + " characters, more than the limit of "
                    + MAX_QUERY_LENGTH);
        }
        if (params != null && params.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("the query has " + params.size() + " parameters, more than the limit of "
                    + MAX_PARAMETERS);
        }
    }

    /**
     * A transaction that can only read: the security context's access mode is READ, so the kernel refuses node,
     * relationship, property, token and schema writes and write procedures, whatever the planner said. Falls back to
     * a plain transaction (the plan checks still apply) when the database is not the embedded kernel's.
     */
    public static Transaction readTransaction(GraphDatabaseService db, Duration timeout) {
        if (db instanceof GraphDatabaseAPI api) {
            SecurityContext readOnly = SecurityContext.authDisabled(READ_AND_SHOW_SCHEMA,
                    ClientConnectionInfo.EMBEDDED_CONNECTION, db.databaseName());
            return api.beginTransaction(KernelTransaction.Type.EXPLICIT, readOnly, ClientConnectionInfo.EMBEDDED_CONNECTION,
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return db.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Throws {@link RefusedQueryException} unless the plan is READ_ONLY and every operator is allowed. */
    static void checkPlan(QueryExecutionType.QueryType type, ExecutionPlanDescription plan) {
        List<String[]> operators = new ArrayList<>();
        Deque<ExecutionPlanDescription> todo = new ArrayDeque<>();
        todo.push(plan);
        while (!todo.isEmpty()) {
            ExecutionPlanDescription op = todo.pop();
            operators.add(new String[] {op.getName(), String.valueOf(op.getArguments().getOrDefault("Details", ""))});
            op.getChildren().forEach(todo::push);
        }
        checkPlan(type.name(), operators);
    }

    /**
     * The same checks on a plan from anywhere (the embedded planner, or a server's EXPLAIN over Bolt): the query type's
     * name, and each operator's name and details.
     */
    static void checkPlan(String type, List<String[]> operators) {
        if (!"READ_ONLY".equals(type)) {
            throw new RefusedQueryException("read-only Cypher: the query is " + type
                    + " (writes, schema changes, administration and write procedures are refused)");
        }
        for (String[] op : operators) {
            checkOperator(op[0], op[1]);
        }
    }

    static void checkOperator(String operator, String details) {
        if (operator.equals("ProcedureCall")) {
            String d = details.replace("`", "");
            int paren = d.indexOf('(');
            String name = (paren < 0 ? d : d.substring(0, paren)).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (!ALLOWED_PROCEDURES.contains(name)) {
                throw new RefusedQueryException("read-only Cypher: procedure " + name + " is not allowed (allowed: "
                        + String.join(", ", new TreeSet<>(ALLOWED_PROCEDURES)) + ")");
            }
        } else if (operator.startsWith("Transaction")) {
            throw new RefusedQueryException("read-only Cypher: CALL { ... } IN TRANSACTIONS is not allowed (a read-only "
                    + "query runs in one transaction, rolled back)");
        } else if (operator.equals("LoadCSV")) {
            throw new RefusedQueryException("read-only Cypher: LOAD CSV is not allowed (it reads the machine's files and URLs)");
        } else if (operator.startsWith("Terminate")) {
            throw new RefusedQueryException("read-only Cypher: " + operator + " is not allowed");
        } else if (operator.startsWith("Show") && !ALLOWED_SHOW.contains(operator)) {
            throw new RefusedQueryException("read-only Cypher: " + operator + " is not allowed (only SHOW INDEXES, "
                    + "CONSTRAINTS, PROCEDURES and FUNCTIONS)");
        }
        Matcher m = GDS_CALL.matcher(details.replace("`", ""));
        while (m.find()) {
            String name = m.group().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (ALLOWED_GDS_FUNCTIONS.stream().noneMatch(name::startsWith)) {
                throw new RefusedQueryException("read-only Cypher: " + name + " is not allowed (GDS catalog and "
                        + "algorithm calls change the in-memory graph catalog; only gds.similarity.* and gds.util.*)");
            }
        }
    }

    private static boolean forbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Status.HasStatus s && s.status().code().serialize().startsWith("Neo.ClientError.Security.")) {
                return true;
            }
            if (t instanceof QueryExecutionException q && q.getStatusCode() != null
                    && q.getStatusCode().startsWith("Neo.ClientError.Security.")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
