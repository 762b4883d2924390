package org.sigmma.store.write;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.GraphAccess;

/**
 * A section written through Cypher on any {@link GraphAccess}: the write path over Bolt to a Neo4j server, and on the
 * embedded database the reference the kernel path ({@link EmbeddedSectionWriter}) is measured against. Same nodes,
 * properties and edges. {@code UNWIND $rows ... CREATE} in batches, one transaction each, in the kernel path's spatial
 * order and parallel stripes ({@link StripedWrite}; each thread's calls are a driver session of their own). Edges find
 * both ends through the unique Cell.id index.
 */
public final class CypherSectionWriter implements SectionWriter {

    static final String CELLS = CypherLibrary.query(CypherLibrary.SECTION_CELLS_CREATE);
    static final String EDGES = CypherLibrary.query(CypherLibrary.SECTION_NEAR_CREATE);

    /**
     * @param cellBatch cells per transaction
     * @param edgeBatch NEAR edges per transaction
     * @param threads   parallel writers (stripes, driver sessions)
     */
    public record Options(int cellBatch, int edgeBatch, int threads) {

        /** 5,000 cells and 20,000 edges per transaction on four sessions: the best of the sizes tried over Bolt here. */
        public static Options defaults() {
            return new Options(5_000, 20_000, 4);
        }

        public Options withThreads(int t) {
            return new Options(cellBatch, edgeBatch, t);
        }
    }

    private final GraphAccess access;
    private final Options options;

    public CypherSectionWriter(GraphAccess access, Options options) {
        this.access = access;
        this.options = options;
    }

    /** One writer thread with {@code batch} cells (and as many edges) per transaction: the plain reference. */
    public CypherSectionWriter(GraphAccess access, int batch) {
        this(access, new Options(batch, batch, 1));
    }

    /** Creates the Section node in LOADING state (its own transaction, before any cell is written). */
    void createLoadingSection(SectionData d) {
        Map<String, Object> props = new HashMap<>(d.properties());
        props.put("id", d.id());
        props.put("name", d.name());
        props.put("tissue", d.tissue());
        props.put("pixelSizeUm", d.pixelSizeUm());
        props.put("tileSizePx", d.tileSizePx());
        props.put("widthUm", d.widthUm());
        props.put("heightUm", d.heightUm());
        props.put("genes", d.genes());
        props.put("hvg", d.hvg());
        props.put("featureDim", d.featureDim());
        props.put("sourceDigest", d.sourceDigest());
        props.put("status", "LOADING");
        props.put("ingestedAt", OffsetDateTime.now().toString());
        props.put("heartbeatAt", System.currentTimeMillis());
        access.write(CypherLibrary.query(CypherLibrary.SECTION_CREATE_LOADING), Map.of("props", props));
    }

    @Override
    public WriteReport write(SectionData d, DoubleConsumer progress) {
        createLoadingSection(d);
        int n = d.nCells();
        double totalWork = n + d.nEdges() + d.tiles().length + 1.0;
        StripedWrite.Timing t = StripedWrite.run(d, EmbeddedSectionWriter.spatialOrder(d), options.threads(),
                options.cellBatch(), options.edgeBatch(), "sigmma-cypher-section-writer",
                (order, from, to) -> writeCells(d, order, from, to), (edges, from, to) -> writeEdges(d, edges, from, to),
                totalWork, progress);
        long t2 = System.nanoTime();
        writeTiles(d);
        long t3 = System.nanoTime();
        progress.accept(1.0);
        return new WriteReport(n, d.nEdges(), d.tiles().length, t.cellMillis(), t.totalMillis() - t.cellMillis(),
                (t3 - t2) / 1_000_000);
    }

    private void writeCells(SectionData d, int[] order, int start, int end) {
        int dim = d.featureDim();
        List<Map<String, Object>> rows = new ArrayList<>(end - start);
        for (int r = start; r < end; r++) {
            int i = order[r];
            Map<String, Object> row = new HashMap<>();
            row.put("id", d.cellNodeId(i));
            row.put("cellId", d.cellIds()[i]);
            row.put("x", d.x()[i]);
            row.put("y", d.y()[i]);
            row.put("tile", d.tile()[i]);
            row.put("micro", d.microBlock()[i]);
            row.put("meso", d.mesoBlock()[i]);
            int a = d.countIndptr()[i];
            int b = d.countIndptr()[i + 1];
            row.put("genes", Arrays.copyOfRange(d.countGenes(), a, b));
            row.put("counts", Arrays.copyOfRange(d.countValues(), a, b));
            row.put("features", Arrays.copyOfRange(d.features(), i * dim, (i + 1) * dim));
            row.put("type", d.cellTypes() == null ? null : d.cellTypes()[i]);
            rows.add(row);
        }
        access.write(CELLS, Map.of("rows", rows, "section", d.id()));
    }

    private void writeEdges(SectionData d, long[] edges, int start, int end) {
        List<Map<String, Object>> rows = new ArrayList<>(end - start);
        for (int j = start; j < end; j++) {
            int k = (int) edges[j];
            rows.add(Map.of("a", d.cellNodeId(d.edgeSource()[k]), "b", d.cellNodeId(d.edgeTarget()[k]),
                    "d", (double) d.edgeDistance()[k]));
        }
        access.write(EDGES, Map.of("rows", rows));
    }

    private void writeTiles(SectionData d) {
        List<Map<String, Object>> tiles = new ArrayList<>(d.tiles().length);
        for (SectionData.TileRow t : d.tiles()) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", SectionData.tileNodeId(d.id(), t.index()));
            row.put("section", d.id());
            row.put("index", t.index());
            row.put("row", t.row());
            row.put("col", t.col());
            row.put("x0", t.x0());
            row.put("y0", t.y0());
            row.put("sizeUm", t.sizeUm());
            row.put("split", t.split());
            row.put("nCells", t.nCells());
            row.put("imageRef", t.imageRef());
            tiles.add(row);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("section", d.id());
        p.put("nCells", (long) d.nCells());
        p.put("nEdges", (long) d.nEdges());
        p.put("nTiles", (long) d.tiles().length);
        p.put("tiles", tiles);
        access.write(CypherLibrary.query(CypherLibrary.SECTION_TILES_CREATE), p);
    }
}
