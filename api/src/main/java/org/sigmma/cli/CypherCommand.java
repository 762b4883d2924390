package org.sigmma.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.GraphStore;
import org.sigmma.store.ReadOnlyCypher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a read-only Cypher query (or a query of the library by name) and prints the rows. */
@Command(name = "cypher", description = "Run a read-only Cypher query, or one of the library's by name (--library).",
        mixinStandardHelpOptions = true)
public final class CypherCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", description = "the query, or with --library the name of a query file in cypher/")
    String query;

    @Option(names = {"-p", "--param"}, description = "a parameter name=value (numbers are parsed)")
    Map<String, String> params = new HashMap<>();

    @Option(names = "--library", description = "treat the argument as the name of a library query (e.g. examples-dense-tiles)")
    boolean library;

    @Option(names = "--limit", defaultValue = "1000", description = "maximum rows (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--timeout-s", defaultValue = "30", description = "time-out in seconds (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--memory-mb", defaultValue = "" + ReadOnlyCypher.Limits.DEFAULT_MAX_MEMORY_MB,
            description = "heap the query may use in MiB (Neo4j's db.memory.transaction.max, for this query); 0 for none;"
                    + " with --uri the server's own limit applies (default: ${DEFAULT-VALUE})")
    long memoryMb;

    @Option(names = "--json", description = "print rows as JSON lines")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String cypher = library ? CypherLibrary.query(query) : query;
        Map<String, Object> p = new HashMap<>();
        params.forEach((k, v) -> p.put(k, parse(v)));
        ReadOnlyCypher.Limits limits = CypherLimitOptions.limits("--timeout-s", timeoutSeconds, "--limit", limit,
                "--memory-mb", memoryMb);
        try (GraphStore graph = store.withoutGdsUnlessNeeded(cypher).store()) {
            ReadOnlyCypher.Rows rows = graph.readOnlyCypher(cypher, p, limits);
            ObjectMapper mapper = new ObjectMapper();
            if (!json) {
                System.out.println(String.join("\t", rows.columns()));
            }
            for (Map<String, Object> row : rows.rows()) {
                if (json) {
                    System.out.println(mapper.writeValueAsString(row));
                } else {
                    List<String> cells = rows.columns().stream().map(c -> String.valueOf(row.get(c))).toList();
                    System.out.println(String.join("\t", cells));
                }
            }
            System.err.printf("%d row(s)%s%n", rows.rows().size(), rows.truncated() ? " (truncated at --limit)" : "");
        }
        return 0;
    }

    /** A command-line value as Cypher or a config would take it: integer, decimal, boolean or text. */
    static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return v;
            }
        }
    }
}
