package org.sigmma.store.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.sigmma.cypher.CypherLibrary;

/**
 * The simplest write path: Cypher {@code UNWIND $rows ... CREATE} in batches, one transaction per batch, edges
 * matched through the unique Cell.id index. Kept as the reference the fast path is measured against (and as the
 * shape of a write over Bolt); the loader uses {@link EmbeddedSectionWriter}. Same nodes, properties and edges.
 */
public final class CypherSectionWriter implements SectionWriter {

    static final String CELLS = CypherLibrary.query(CypherLibrary.SECTION_CELLS_CREATE);
    static final String EDGES = CypherLibrary.query(CypherLibrary.SECTION_NEAR_CREATE);

    private final GraphDatabaseService db;
    private final int batch;

    public CypherSectionWriter(GraphDatabaseService db, int batch) {
        this.db = db;
        this.batch = batch;
    }

    @Override
    public WriteReport write(SectionData d, DoubleConsumer progress) {
        EmbeddedSectionWriter tiles = new EmbeddedSectionWriter(db);
        tiles.createLoadingSection(d);
        int n = d.nCells();
        int e = d.nEdges();
        int dim = d.featureDim();
        long t0 = System.nanoTime();
        for (int start = 0; start < n; start += batch) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + batch); i++) {
                Map<String, Object> r = new HashMap<>();
                r.put("id", d.cellNodeId(i));
                r.put("cellId", d.cellIds()[i]);
                r.put("x", d.x()[i]);
                r.put("y", d.y()[i]);
                r.put("tile", d.tile()[i]);
                r.put("micro", d.microBlock()[i]);
                r.put("meso", d.mesoBlock()[i]);
                int a = d.countIndptr()[i];
                int b = d.countIndptr()[i + 1];
                r.put("genes", Arrays.copyOfRange(d.countGenes(), a, b));
                r.put("counts", Arrays.copyOfRange(d.countValues(), a, b));
                r.put("features", Arrays.copyOfRange(d.features(), i * dim, (i + 1) * dim));
                r.put("type", d.cellTypes() == null ? null : d.cellTypes()[i]);
                rows.add(r);
            }
            run(CELLS, Map.of("rows", rows, "section", d.id()));
            progress.accept(Math.min(n, start + batch) / (double) (n + e + 1));
        }
        long t1 = System.nanoTime();
        for (int start = 0; start < e; start += batch) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = start; k < Math.min(e, start + batch); k++) {
                rows.add(Map.of("a", d.cellNodeId(d.edgeSource()[k]), "b", d.cellNodeId(d.edgeTarget()[k]),
                        "d", (double) d.edgeDistance()[k]));
            }
            run(EDGES, Map.of("rows", rows));
            progress.accept((n + Math.min(e, start + batch)) / (double) (n + e + 1));
        }
        long t2 = System.nanoTime();
        tiles.writeTiles(d);
        long t3 = System.nanoTime();
        return new WriteReport(n, e, d.tiles().length, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000);
    }

    private void run(String cypher, Map<String, Object> params) {
        try (Transaction tx = db.beginTx()) {
            tx.execute(cypher, params).close();
            tx.commit();
        }
    }
}
