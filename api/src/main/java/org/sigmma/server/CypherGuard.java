package org.sigmma.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.graphdb.ExecutionPlanDescription;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.sigmma.store.ReadOnlyCypher.RefusedQueryException;

/**
 * What the planner calls a read is not always harmless: GDS catalog projections, drops and mutate procedures, LOAD CSV
 * (files and URLs of the server), TERMINATE TRANSACTIONS and SHOW SETTINGS / TRANSACTIONS all plan as READ_ONLY here
 * (Neo4j 5.26, GDS 2.13). This guard reads the EXPLAIN plan (names come out normalised: no comments, no backticks) and
 * refuses every procedure outside a short list of schema reads, every GDS function outside similarity and util, LOAD
 * CSV, and administration operators other than SHOW INDEXES / CONSTRAINTS / PROCEDURES / FUNCTIONS. The READ_ONLY
 * check itself stays with {@link org.sigmma.store.ReadOnlyCypher}, which runs after it.
 */
final class CypherGuard {

    /** Procedures a read-only user may call, lower case. */
    static final Set<String> ALLOWED_PROCEDURES = Set.of("db.labels", "db.relationshiptypes", "db.propertykeys",
            "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "gds.version");
    /** GDS functions that only compute on their arguments or look nodes up. */
    static final List<String> ALLOWED_GDS_FUNCTIONS = List.of("gds.similarity.", "gds.util.", "gds.version");
    static final Set<String> ALLOWED_SHOW = Set.of("ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions");

    private static final Pattern GDS_CALL = Pattern.compile("\\bgds\\.[A-Za-z0-9_.]+(?=\\s*\\()");

    private CypherGuard() {
    }

    /** Plans the query (nothing runs) and throws {@link RefusedQueryException} if any operator is not allowed. */
    static void check(GraphDatabaseService db, String cypher, Map<String, Object> params) {
        ExecutionPlanDescription plan;
        QueryExecutionType.QueryType type;
        try (Transaction tx = db.beginTx(); Result r = tx.execute("EXPLAIN " + cypher, params)) {
            plan = r.getExecutionPlanDescription();
            type = r.getQueryExecutionType().queryType();
            tx.rollback();
        }
        if (type != QueryExecutionType.QueryType.READ_ONLY) {
            // the same check ReadOnlyCypher makes, first, so that a write is a 403 whatever else it contains
            throw new RefusedQueryException("read-only Cypher: the query is " + type
                    + " (writes, schema changes and write procedures are refused)");
        }
        Deque<ExecutionPlanDescription> todo = new ArrayDeque<>();
        todo.push(plan);
        while (!todo.isEmpty()) {
            ExecutionPlanDescription op = todo.pop();
            checkOperator(op.getName(), String.valueOf(op.getArguments().getOrDefault("Details", "")));
            op.getChildren().forEach(todo::push);
        }
    }

    static void checkOperator(String operator, String details) {
        if (operator.equals("ProcedureCall")) {
            int paren = details.indexOf('(');
            String name = (paren < 0 ? details : details.substring(0, paren)).strip().toLowerCase(Locale.ROOT);
            if (!ALLOWED_PROCEDURES.contains(name)) {
                throw new RefusedQueryException("read-only Cypher: procedure " + name + " is not allowed (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(ALLOWED_PROCEDURES)) + ")");
            }
        } else if (operator.startsWith("Transaction")) {
            // TransactionApply / TransactionForeach: it needs its own transactions; this endpoint runs one, rolled back
            throw ApiException.badRequest("CALL { ... } IN TRANSACTIONS cannot run here (a read-only query runs in one "
                    + "transaction)");
        } else if (operator.equals("LoadCSV")) {
            throw new RefusedQueryException("read-only Cypher: LOAD CSV is not allowed (it reads the server's files and URLs)");
        } else if (operator.startsWith("Terminate")) {
            throw new RefusedQueryException("read-only Cypher: " + operator + " is not allowed");
        } else if (operator.startsWith("Show") && !ALLOWED_SHOW.contains(operator)) {
            throw new RefusedQueryException("read-only Cypher: " + operator + " is not allowed (only SHOW INDEXES, "
                    + "CONSTRAINTS, PROCEDURES and FUNCTIONS)");
        }
        Matcher m = GDS_CALL.matcher(details);
        while (m.find()) {
            String name = m.group().toLowerCase(Locale.ROOT);
            if (ALLOWED_GDS_FUNCTIONS.stream().noneMatch(name::startsWith)) {
                throw new RefusedQueryException("read-only Cypher: " + m.group() + " is not allowed (GDS catalog "
                        + "and algorithm calls change the in-memory graph catalog; only gds.similarity.* and gds.util.*)");
            }
        }
    }
}
