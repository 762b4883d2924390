package org.sigmma.store;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        access.write("MERGE (r:Run {id: $id}) ON CREATE SET r.startedAt = $now "
                + "SET r.kind = $kind, r.sections = $sections, r.config = $config, r.checkpoint = $checkpoint, "
                + "r.status = 'RUNNING', r.finishedAt = null", p);
    }

    /** Replaces the run's metrics (a JSON document: per-epoch list and summary). */
    public void metrics(String id, String metricsJson) {
        access.write("MATCH (r:Run {id: $id}) SET r.metrics = $metrics", Map.of("id", id, "metrics", metricsJson));
    }

    public void finish(String id, String status, String metricsJson) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("status", status);
        p.put("metrics", metricsJson);
        p.put("now", OffsetDateTime.now().toString());
        access.write("MATCH (r:Run {id: $id}) SET r.status = $status, r.metrics = coalesce($metrics, r.metrics), "
                + "r.finishedAt = $now", p);
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
        long n = access.write("MATCH (r:Run {id: $id}) SET r.evaluation = $evaluation, r.predictor = $predictor, "
                + "r.evaluatedAt = $now RETURN count(r) AS n", p).stream().mapToLong(row -> Values.asLong(row.get("n")))
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
        for (Map<String, Object> row : access.write("MATCH (r:Run {status: 'RUNNING'}) SET r.status = 'INTERRUPTED', "
                + "r.reason = 'interrupted (the process stopped); train again with the same --run to resume' "
                + "RETURN r.id AS id", Map.of())) {
            swept.add(Values.asString(row.get("id")));
            LOG.warn("run {} was left RUNNING by a stopped process: marked INTERRUPTED", row.get("id"));
        }
        for (Map<String, Object> row : access.read("MATCH (r:Run {writeBack: 'WRITING'}) RETURN r.id AS id", Map.of())) {
            String id = Values.asString(row.get("id"));
            long edges = repeat("MATCH ()-[e:LEARNED {run: $run}]->() WITH e LIMIT $batch DELETE e RETURN count(*) AS n", id);
            long cells = repeat("MATCH (c:Cell {embeddingRun: $run}) WITH c LIMIT $batch "
                    + "REMOVE c.zMicro, c.zMeso, c.zMacro, c.embeddingRun RETURN count(*) AS n", id);
            long tiles = repeat("MATCH (t:Tile {embeddingRun: $run}) WITH t LIMIT $batch REMOVE t.heMicro, t.heMeso, "
                    + "t.heMacro, t.stMicro, t.stMeso, t.stMacro, t.embeddingRun RETURN count(*) AS n", id);
            access.write("MATCH (r:Run {id: $id}) SET r.writeBack = 'FAILED', r.writeBackReason = $reason",
                    Map.of("id", id, "reason", "interrupted (the process stopped); undone: " + edges + " LEARNED edges, "
                            + cells + " cells, " + tiles + " tiles; run embed again"));
            swept.add(id);
            LOG.warn("write-back of run {} was interrupted: removed {} LEARNED edges and the embeddings of {} cells and {} tiles",
                    id, edges, cells, tiles);
        }
        return swept;
    }

    /** Runs a batched write until a batch comes back short. */
    private long repeat(String cypher, String run) {
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
        return access.read("MATCH (r:Run {id: $id}) RETURN r {.*} AS r", Map.of("id", id)).stream()
                .map(row -> toInfo(row.get("r"))).findFirst();
    }

    public List<RunInfo> runs() {
        return access.read("MATCH (r:Run) RETURN r {.*} AS r ORDER BY r.startedAt DESC", Map.of()).stream()
                .map(row -> toInfo(row.get("r"))).toList();
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
