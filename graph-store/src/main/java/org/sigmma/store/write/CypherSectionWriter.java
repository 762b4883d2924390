package org.sigmma.store.write;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import org.sigmma.cypher.CypherLibrary;
import org.sigmma.store.GraphAccess;

/**
 * A section written through Cypher on any {@link GraphAccess}: the write path over Bolt to a Neo4j server, and on the
 * embedded database the reference the kernel path ({@link EmbeddedSectionWriter}) is measured against. Same nodes,
 * properties and edges. {@code UNWIND $rows ... CREATE} in batches, one transaction each; as in the kernel path the
 * cells go in spatial order and the section is cut into one stripe per writer thread (each thread a driver session of
 * its own), each stripe's edges written by its own thread after its cells, so no two transactions lock the same node;
 * the edges that cross stripes follow in one last pass. Edges find both ends through the unique Cell.id index.
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
        int e = d.nEdges();
        double totalWork = n + e + d.tiles().length + 1.0;
        long t0 = System.nanoTime();
        int[] order = EmbeddedSectionWriter.spatialOrder(d);
        int[] pos = new int[n];
        for (int r = 0; r < n; r++) {
            pos[order[r]] = r;
        }
        int parts = Math.max(1, Math.min(options.threads(), (n + options.cellBatch() - 1) / Math.max(1, options.cellBatch())));
        int stripe = Math.max(1, (n + parts - 1) / parts);
        long[][] inner = new long[parts][];
        long[] crossing = EmbeddedSectionWriter.partitionEdges(d, pos, stripe, parts, inner);
        AtomicLong done = new AtomicLong();
        AtomicLong cellNanos = new AtomicLong();
        AtomicBoolean abort = new AtomicBoolean();
        Runnable report = () -> progress.accept(Math.min(1.0, done.get() / totalWork));
        ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, "sigmma-cypher-section-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = p * stripe;
                int to = Math.min(n, from + stripe);
                long[] edges = inner[p];
                futures.add(pool.submit(() -> {
                    long c0 = System.nanoTime();
                    for (int b = from; b < to && !abort.get(); b += options.cellBatch()) {
                        int end = Math.min(to, b + options.cellBatch());
                        writeCells(d, order, b, end);
                        done.addAndGet(end - b);
                        report.run();
                    }
                    cellNanos.accumulateAndGet(System.nanoTime() - c0, Math::max);
                    writeEdgeList(d, edges, done, report, abort);
                }));
            }
            awaitAll(futures, abort);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing section " + d.id(), ex);
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("writing section " + d.id() + " failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
        writeEdgeList(d, crossing, done, report, abort);
        long t2 = System.nanoTime();
        writeTiles(d);
        long t3 = System.nanoTime();
        progress.accept(1.0);
        long cellMillis = cellNanos.get() / 1_000_000;
        return new WriteReport(n, e, d.tiles().length, cellMillis, (t2 - t0) / 1_000_000 - cellMillis,
                (t3 - t2) / 1_000_000);
    }

    private static void awaitAll(List<Future<?>> futures, AtomicBoolean abort) throws InterruptedException, ExecutionException {
        ExecutionException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                abort.set(true);
                if (first == null) {
                    first = ex;
                }
            }
        }
        if (first != null) {
            throw first;
        }
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

    private void writeEdgeList(SectionData d, long[] edges, AtomicLong done, Runnable report, AtomicBoolean abort) {
        for (int start = 0; start < edges.length && !abort.get(); start += options.edgeBatch()) {
            int end = Math.min(edges.length, start + options.edgeBatch());
            List<Map<String, Object>> rows = new ArrayList<>(end - start);
            for (int j = start; j < end; j++) {
                int k = (int) edges[j];
                rows.add(Map.of("a", d.cellNodeId(d.edgeSource()[k]), "b", d.cellNodeId(d.edgeTarget()[k]),
                        "d", (double) d.edgeDistance()[k]));
            }
            access.write(EDGES, Map.of("rows", rows));
            done.addAndGet(end - start);
            report.run();
        }
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
