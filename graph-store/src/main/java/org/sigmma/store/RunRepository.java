package org.sigmma.store;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sigmma.cypher.CypherLibrary;

/**
 * Training and inference runs as (:Run) nodes: the configuration and the metrics are JSON strings, so that any
 * Neo4j client reads them without platform types.
 */
public final class RunRepository {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunRepository.class);
    private static final int UNDO_BATCH = 20_000;

    private final GraphAccess access;

    public RunRepository(GraphAccess access) {
        this.access = access;
    }

    /** A stored run. */
    public record RunInfo(String id, String kind, String status, String sections, String config, String metrics,
                          String startedAt, String finishedAt, String checkpoint, String evaluation,
                          String predictor) {
    }

    /** Creates the run, or reopens it (a resumed training keeps its id and start time). */
    public void start(String id, String kind, List<String> sections, String configJson, String checkpoint) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("kind", kind);
        p.put("sections", String.join(",", sections));
        p.put("config", configJson);
        p.put("checkpoint", checkpoint);
        p.put("now", OffsetDateTime.now().toString());
        access.write(CypherLibrary.query(CypherLibrary.RUN_START), p);
    }

    /** Replaces the run's metrics (a JSON document: per-epoch list and summary). */
    public void metrics(String id, String metricsJson) {
        access.write(CypherLibrary.query(CypherLibrary.RUN_METRICS), Map.of("id", id, "metrics", metricsJson));
    }

    public void finish(String id, String status, String metricsJson) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("status", status);
        p.put("metrics", metricsJson);
        p.put("now", OffsetDateTime.now().toString());
        access.write(CypherLibrary.query(CypherLibrary.RUN_FINISH), p);
    }

    /**
     * Stores an evaluation of the run (a JSON document: Task 1 and Task 2 metrics) and the file of its fitted gene
     * predictor; the training metrics stay as they are.
     */
    public void evaluation(String id, String evaluationJson, String predictorFile) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("evaluation", evaluationJson);
        p.put("predictor", predictorFile);
        p.put("now", OffsetDateTime.now().toString());
        long n = access.write(CypherLibrary.query(CypherLibrary.RUN_EVALUATION), p).stream().mapToLong(row -> Values.asLong(row.get("n")))
                .sum();
        if (n == 0) {
            throw new IllegalArgumentException("no run " + id);
        }
    }

    /** Stores a run's learned-edge report (JSON) on its (:Run) node. */
    public void learnedEdges(String id, String json) {
        long n = access.write(org.sigmma.cypher.CypherLibrary.query(org.sigmma.cypher.CypherLibrary.RUN_LEARNED_EDGES_WRITE),
                Map.of("id", id, "learnedEdges", json, "now", OffsetDateTime.now().toString())).stream()
                .mapToLong(row -> Values.asLong(row.get("n"))).sum();
        if (n == 0) {
            throw new IllegalArgumentException("no run " + id);
        }
    }

    /**
     * Startup sweep of what a killed process left: a training run RUNNING becomes INTERRUPTED (its checkpoints stay;
     * {@code train --run} with the same id resumes from the last one); a write-back left WRITING is undone (the run's
     * LEARNED edges and the embeddings it wrote are removed) and marked FAILED, so no half write-back is visible.
     *
     * @return the runs swept
     */
    public List<String> recoverInterrupted() {
        List<String> swept = new java.util.ArrayList<>();
        for (Map<String, Object> row : access.write(CypherLibrary.query(CypherLibrary.RUNS_INTERRUPTED), Map.of())) {
            swept.add(Values.asString(row.get("id")));
            LOG.warn("run {} was left RUNNING by a stopped process: marked INTERRUPTED", row.get("id"));
        }
        for (Map<String, Object> row : access.read(CypherLibrary.query(CypherLibrary.RUNS_WRITING_BACK), Map.of())) {
            String id = Values.asString(row.get("id"));
            long edges = repeat(CypherLibrary.RUN_LEARNED_UNDO, id);
            long cells = repeat(CypherLibrary.RUN_CELL_EMBEDDINGS_UNDO, id);
            long tiles = repeat(CypherLibrary.RUN_TILE_EMBEDDINGS_UNDO, id);
            access.write(CypherLibrary.query(CypherLibrary.RUN_WRITE_BACK_FAILED),
                    Map.of("id", id, "reason", "interrupted (the process stopped); undone: " + edges + " LEARNED edges, "
                            + cells + " cells, " + tiles + " tiles; run embed again"));
            swept.add(id);
            LOG.warn("write-back of run {} was interrupted: removed {} LEARNED edges and the embeddings of {} cells and {} tiles",
                    id, edges, cells, tiles);
        }
        return swept;
    }

    /** Runs a batched library write until a batch comes back short. */
    private long repeat(String name, String run) {
        String cypher = CypherLibrary.query(name);
        long total = 0;
        while (true) {
            long n = Values.asLong(access.write(cypher, Map.of("run", run, "batch", UNDO_BATCH)).get(0).get("n"));
            total += n;
            if (n < UNDO_BATCH) {
                return total;
            }
        }
    }

    public Optional<RunInfo> run(String id) {
        return access.read(CypherLibrary.query(CypherLibrary.RUN), Map.of("id", id)).stream()
                .map(row -> toInfo(row.get("run"))).findFirst();
    }

    public List<RunInfo> runs() {
        // the REST page query, one page of all: newest first, ties by id
        return access.read(CypherLibrary.query(CypherLibrary.RUNS), Map.of("offset", 0, "limit", Integer.MAX_VALUE)).stream()
                .map(row -> toInfo(row.get("run"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static RunInfo toInfo(Object o) {
        Map<String, Object> r = (Map<String, Object>) o;
        return new RunInfo(Values.asString(r.get("id")), Values.asString(r.get("kind")), Values.asString(r.get("status")),
                Values.asString(r.get("sections")), Values.asString(r.get("config")), Values.asString(r.get("metrics")),
                Values.asString(r.get("startedAt")), Values.asString(r.get("finishedAt")),
                Values.asString(r.get("checkpoint")), Values.asString(r.get("evaluation")),
                Values.asString(r.get("predictor")));
    }
}
