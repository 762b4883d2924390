package org.sigmma.cypher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sigmma.schema.FeatureSource;

/**
 * The platform's Cypher, kept as plain {@code .cypher} files under {@code /cypher/} on the classpath so that
 * analysts can read, copy and run them in any Neo4j client. Every query the platform runs comes from here; the only
 * other Cypher is what users send (POST /api/cypher, {@code sigmma cypher}).
 *
 * <p>Names say what a query does and end in {@code -read} (the planner classes it read-only: it runs in a read
 * transaction and changes nothing) or {@code -write} (it changes data or schema). CypherLibraryFilesTest plans every
 * file and checks the suffix against the planner.
 *
 * <p>A few queries name a property that depends on a {@link FeatureSource} ({@code clusterMicro}, {@code zMeso}...):
 * there the property is written in the text, so that the planner can use that property's index, and the file is a
 * template with the placeholders {@code {{features}}} ({@link FeatureSource#featureProperty()}) and
 * {@code {{cluster}}} ({@link FeatureSource#clusterProperty()}), filled by {@link #query(String, FeatureSource)}. They
 * are filled from the FeatureSource type only, never from a request, so no user text reaches the query.
 */
public final class CypherLibrary {

    /** Queries by file name (without {@code .cypher}); the names are part of the module contract. */
    public static final String SCHEMA = "schema-write";
    public static final String SECTIONS = "sections-read";
    public static final String SECTION = "section-read";
    public static final String SECTIONS_LOADING = "sections-loading-read";
    public static final String SECTION_STATUS = "section-status-read";
    public static final String SECTION_STATUS_WRITE = "section-status-write";
    public static final String SECTION_GENES = "section-genes-read";
    public static final String DELETE_SECTION_BATCH = "delete-section-batch-write";
    public static final String DELETE_SECTION_TILES = "delete-section-tiles-write";
    public static final String DELETE_SECTION = "delete-section-write";
    public static final String DELETE_SECTION_CLUSTERS = "delete-section-clusters-write";
    public static final String SECTION_SWAP = "section-swap-write";
    public static final String SECTIONS_RETIRED = "sections-retired-read";
    public static final String SECTION_IMAGE_DIR = "section-image-dir-read";
    /** The Cypher write path of a section (CypherSectionWriter). */
    public static final String SECTION_CELLS_CREATE = "section-cells-create-write";
    public static final String SECTION_NEAR_CREATE = "section-near-create-write";
    public static final String SECTION_CREATE_LOADING = "section-create-loading-write";
    public static final String SECTION_TILES_CREATE = "section-tiles-create-write";
    public static final String SECTION_HEARTBEAT = "section-heartbeat-write";

    public static final String TILES_BY_SPLIT = "tiles-by-split-read";
    public static final String TILE_SUBGRAPH = "tile-subgraph-read";
    public static final String TILE_EXPRESSION = "tile-expression-read";
    public static final String CELLS_IN_BOX = "cells-in-box-read";

    /** The job queue of the inbox and of POST /api/jobs. */
    public static final String JOB_CREATE = "job-create-write";
    public static final String JOB_STATUS = "job-status-write";
    public static final String JOB = "job-read";
    public static final String JOBS = "jobs-read";
    public static final String JOBS_QUEUED = "jobs-queued-read";
    public static final String JOBS_INTERRUPTED = "jobs-interrupted-write";
    public static final String JOB_LATEST_FOR_BUNDLE = "job-latest-for-bundle-read";

    /** Training and inference runs (RunRepository, EmbeddingWriter, the REST API). */
    public static final String RUN = "run-read";
    public static final String RUNS = "runs-read";
    public static final String RUN_START = "run-start-write";
    public static final String RUN_METRICS = "run-metrics-write";
    public static final String RUN_FINISH = "run-finish-write";
    public static final String RUN_EVALUATION = "run-evaluation-write";
    public static final String RUNS_INTERRUPTED = "runs-interrupted-write";
    public static final String RUNS_WRITING_BACK = "runs-writing-back-read";
    public static final String RUN_LEARNED_UNDO = "run-learned-undo-write";
    public static final String RUN_CELL_EMBEDDINGS_UNDO = "run-cell-embeddings-undo-write";
    public static final String RUN_TILE_EMBEDDINGS_UNDO = "run-tile-embeddings-undo-write";
    public static final String RUN_WRITE_BACK_FAILED = "run-write-back-failed-write";
    public static final String RUN_WRITE_BACK_STARTED = "run-write-back-started-write";
    public static final String RUN_WRITE_BACK_FINISHED = "run-write-back-finished-write";
    public static final String RUN_LEARNED_EDGES_WRITE = "run-learned-edges-write";
    /** One tile of a write-back over Cypher (CypherEmbeddingWriter). */
    public static final String RUN_TILE_WRITE_BACK = "run-tile-write-back-write";

    /** Microenvironments (MicroenvironmentAnalysis); the templates need {@link #query(String, FeatureSource)}. */
    public static final String CLUSTER_FEATURES_COUNT = "cluster-features-count-read";
    public static final String CLUSTER_FEATURES_PROJECT = "cluster-features-project-read";
    public static final String CLUSTER_KMEANS_STREAM = "cluster-kmeans-stream-read";
    public static final String CLUSTER_PROJECTION_DROP = "cluster-projection-drop-read";
    public static final String SECTION_CELL_EXPRESSION = "section-cell-expression-read";
    public static final String SECTION_CELL_FEATURES = "section-cell-features-read";
    public static final String SECTION_NEAR_EDGES = "section-near-edges-read";
    public static final String CELL_NICHE_FEATURES = "cell-niche-features-write";
    public static final String SECTION_CELL_CLUSTERS = "section-cell-clusters-read";
    public static final String CLUSTER_NEIGHBOURHOOD_WRITE = "cluster-neighbourhood-write";
    public static final String CLUSTER_NEIGHBOURHOOD = "cluster-neighbourhood-read";
    public static final String CLUSTER_IDS_REMOVE = "cluster-ids-remove-write";
    public static final String CLUSTER_IDS = "cluster-ids-write";
    public static final String CLUSTERS_DELETE = "clusters-delete-write";
    public static final String CLUSTERS_CREATE = "clusters-create-write";
    public static final String CLUSTER_MAP = "cluster-map-read";
    public static final String CLUSTER_LEGEND = "cluster-legend-read";

    /** The REST API's reads (api/.../server). */
    public static final String TILE_STATUS = "tile-status-read";
    public static final String TILE_SCALE_SUBGRAPH = "tile-scale-subgraph-read";
    public static final String TILE_IMAGE = "tile-image-read";
    public static final String TILE_EMBEDDING = "tile-embedding-read";
    public static final String TILE_EMBEDDINGS = "tile-embeddings-read";
    public static final String TILE_HE_EMBEDDINGS = "tile-he-embeddings-read";
    public static final String TILES_IN_BOX = "tiles-in-box-read";
    public static final String CELLS_IN_BOX_PAGE = "cells-in-box-page-read";
    public static final String CLUSTERS = "clusters-read";
    public static final String CLUSTER_EXISTS = "cluster-exists-read";
    public static final String CLUSTER_CELLS = "cluster-cells-read";
    public static final String DBMS_COMPONENTS = "dbms-components-read";
    public static final String GDS_VERSION = "gds-version-read";
    public static final String DATABASE_INFO = "database-info-read";
    /** Cross-modal retrieval over every section through the tile vector indexes (REST retrieval, scope=all). */
    public static final String RETRIEVAL_NEAREST_TILES = "retrieval-nearest-tiles-read";

    /** The section export (sigmma export). */
    public static final String EXPORT_SECTION = "export-section-read";
    public static final String EXPORT_CELLS = "export-cells-read";

    /** The analyst examples shipped with the platform. */
    public static final List<String> EXAMPLES = List.of(
            "examples-neighbour-types-read", "examples-degree-distribution-read", "examples-dense-tiles-read",
            "examples-gene-hotspots-read", "examples-learned-type-pairs-read", "examples-learned-cross-cluster-read",
            "examples-learned-vs-near-type-pairs-read");

    /** The placeholders of a template file. */
    public static final String FEATURES_PLACEHOLDER = "{{features}}";
    public static final String CLUSTER_PLACEHOLDER = "{{cluster}}";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> TEMPLATES = new ConcurrentHashMap<>();
    /** Filled templates by name and source: the REST reads ask for the same few on every request. */
    private static final Map<String, String> FILLED = new ConcurrentHashMap<>();

    private CypherLibrary() {
    }

    /** The text of one query file, comments included; a template must be filled with {@link #query(String, FeatureSource)}. */
    public static String query(String name) {
        String text = text(name);
        if (isTemplate(name)) {
            throw new IllegalArgumentException("Cypher file " + name + " is a template: fill it with query(name, FeatureSource)");
        }
        return text;
    }

    /** A template's text with its placeholders filled from {@code source} (the names come from FeatureSource only). */
    public static String query(String name, FeatureSource source) {
        if (!isTemplate(name)) {
            throw new IllegalArgumentException("Cypher file " + name + " is no template: it takes no feature source");
        }
        return FILLED.computeIfAbsent(name + "\n" + source.id(), key -> text(name)
                .replace(FEATURES_PLACEHOLDER, source.featureProperty()).replace(CLUSTER_PLACEHOLDER, source.clusterProperty()));
    }

    /** Whether the file holds placeholders (outside its comments, which name them too). */
    public static boolean isTemplate(String name) {
        return TEMPLATES.computeIfAbsent(name, n -> stripComments(text(n)).contains("{{"));
    }

    private static String text(String name) {
        return CACHE.computeIfAbsent(name, CypherLibrary::load);
    }

    private static String stripComments(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("//")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The statements of a multi-statement file (such as the schema), split on ';' at line ends, with
     * comment lines removed.
     */
    public static List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : query(name).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String load(String name) {
        String path = "/cypher/" + name + ".cypher";
        try (InputStream in = CypherLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no Cypher file " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
