package org.sigmma.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.graphdb.QueryExecutionType;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.schema.FeatureSource;
import org.sigmma.store.write.CypherSectionWriter;
import org.sigmma.store.write.EmbeddedSectionWriter;
import org.sigmma.store.write.SectionData;

/**
 * Every file of the Cypher library, planned on a real embedded database (schema applied, GDS registered): it must
 * parse and plan against the platform's schema and procedures, have a name in CypherLibrary, and be named for what
 * the planner says it does ({@code -read}: read-only; {@code -write}: changes data or schema), so a write can no
 * longer hide under a reading name (section-status once wrote while server-section-status read). Templates are planned
 * once per feature source. What each query returns is checked against the real sample in ingest's CypherLibraryTest
 * and through the callers' tests (api, model).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CypherLibraryFilesTest {

    private static final Path DIR = Path.of("..", "cypher", "src", "main", "resources", "cypher");

    private Path dir;
    private EmbeddedGraph graph;

    @BeforeAll
    void open() throws IOException {
        dir = TempDirs.create("cypher-library-test");
        graph = EmbeddedGraph.open(StoreSettings.defaults(dir.resolve("db")).withPageCache(32L << 20));
    }

    @AfterAll
    void close() {
        graph.close();
        TempDirs.delete(dir);
    }

    static Set<String> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cypher"))
                    .map(n -> n.substring(0, n.length() - ".cypher".length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyFileHasANameInTheLibraryAndEveryNameAFile() throws IOException, IllegalAccessException {
        Set<String> named = new TreeSet<>(CypherLibrary.EXAMPLES);
        for (Field f : CypherLibrary.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().endsWith("_PLACEHOLDER")) {
                named.add((String) f.get(null));
            }
        }
        assertEquals(files(), named, "a .cypher file needs a constant in CypherLibrary (and a constant a file)");
    }

    @Test
    void everyFileIsNamedForWhatThePlannerSaysItDoes() throws IOException {
        List<String> wrong = new ArrayList<>();
        int planned = 0;
        for (String name : files()) {
            boolean read = name.endsWith("-read");
            assertTrue(read || name.endsWith("-write"), name + ": a library name ends in -read or -write");
            for (String statement : statements(name)) {
                QueryExecutionType.QueryType type = plan(name, statement);
                planned++;
                if (readOnly(type) != read) {
                    wrong.add(name + " is " + type);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(planned >= files().size());
    }

    @Test
    void templatesAreFilledFromAFeatureSourceOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CypherLibrary.query(CypherLibrary.CLUSTER_CELLS));
        assertTrue(e.getMessage().contains("template"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CypherLibrary.query(CypherLibrary.SECTIONS, FeatureSource.EXPRESSION));
        String micro = CypherLibrary.query(CypherLibrary.CLUSTER_CELLS, FeatureSource.parse("micro"));
        assertTrue(micro.contains("WHERE c.clusterMicro = $cluster"), micro);
        assertFalse(stripComments(micro).contains("{{"), micro);
        String features = CypherLibrary.query(CypherLibrary.CLUSTER_FEATURES_PROJECT, FeatureSource.EXPRESSION);
        assertTrue(features.contains("c {emb: c.features}"), features);
    }

    /**
     * The Cypher write path (section-cells-create-write, section-near-create-write) writes the same cells, blocks
     * and edges as the embedded writer it is the reference for; the loader never takes it, so it runs here.
     */
    @Test
    void theCypherWritePathWritesTheSameSectionAsTheEmbeddedWriter() {
        SectionData viaCypher = SyntheticSections.grid("cypher-path", 8, 3);
        SectionData viaCore = SyntheticSections.grid("core-path", 8, 3);
        new CypherSectionWriter(graph.access(), 17).write(viaCypher, p -> { });
        new EmbeddedSectionWriter(graph.db(), 17).write(viaCore, p -> { });
        String cells = "MATCH (c:Cell {section: $s}) RETURN c.cellId AS id, c.x AS x, c.y AS y, c.tile AS tile, "
                + "c.microBlock AS micro, c.mesoBlock AS meso, c.features AS f, c.cellType AS type ORDER BY id";
        String edges = "MATCH (a:Cell {section: $s})-[e:NEAR]->(b:Cell) RETURN a.cellId AS a, b.cellId AS b, e.distance AS d "
                + "ORDER BY a, b";
        for (String q : List.of(cells, edges)) {
            List<Map<String, Object>> a = graph.query(q, Map.of("s", "cypher-path"));
            List<Map<String, Object>> b = graph.query(q, Map.of("s", "core-path"));
            assertEquals(a.size(), b.size(), q);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(plain(a.get(i)), plain(b.get(i)), q);
            }
        }
        assertEquals(viaCypher.nCells(), graph.query(cells, Map.of("s", "cypher-path")).size());
        assertEquals(viaCypher.nEdges(), graph.query(edges, Map.of("s", "cypher-path")).size());
    }

    /**
     * Values compared as floats: the Cypher path stores the float distance as a double and the features as it
     * likes, the embedded writer stores floats; the values are the same.
     */
    private static Map<String, Object> plain(Map<String, Object> row) {
        Map<String, Object> out = new java.util.TreeMap<>();
        row.forEach((k, v) -> out.put(k, v != null && v.getClass().isArray()
                ? java.util.Arrays.toString(Values.asFloatArray(v))
                : v instanceof Double || v instanceof Float ? (Object) ((Number) v).floatValue() : v));
        return out;
    }

    /** The statements to plan: a template once per feature source, a multi-statement file (the schema) each. */
    private static List<String> statements(String name) {
        if (CypherLibrary.isTemplate(name)) {
            return FeatureSource.all().stream().map(f -> CypherLibrary.query(name, f)).toList();
        }
        return CypherLibrary.statements(name);
    }

    /**
     * Read-only, or a DBMS procedure: the planner puts every DBMS-mode procedure in one class, and the library's one
     * (dbms.components, for GET /api/version) reports versions and changes nothing.
     */
    private static boolean readOnly(QueryExecutionType.QueryType type) {
        return type == QueryExecutionType.QueryType.READ_ONLY || type == QueryExecutionType.QueryType.DBMS;
    }

    private QueryExecutionType.QueryType plan(String name, String statement) {
        try {
            return graph.db().executeTransactionally("EXPLAIN " + statement, Map.of(),
                    r -> r.getQueryExecutionType().queryType());
        } catch (RuntimeException e) {
            throw new AssertionError(name + " does not plan: " + e.getMessage(), e);
        }
    }

    private static String stripComments(String text) {
        return text.lines().filter(l -> !l.strip().startsWith("//")).collect(Collectors.joining("\n"));
    }
}
