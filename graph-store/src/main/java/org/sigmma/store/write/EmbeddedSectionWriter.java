package org.sigmma.store.write;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.exceptions.KernelException;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.CoordinateReferenceSystem;
import org.neo4j.values.storable.Values;
import org.sigmma.math.Bounds;
import org.sigmma.schema.Scale;

/**
 * The fast write path of embedded Neo4j for a section added to a live database: the kernel write API (no Cypher
 * parsing or planning, property tokens resolved once) in transactions of a few thousand records, written by
 * parallel transactions over disjoint parts of the section, edges joined through the internal node ids held in
 * memory. What makes it fast (measured, see docs/performance.md):
 * <ul>
 * <li>Cells are written in spatial order (tile by tile, Z-order inside a tile), not in file order: the NEAR edges of
 * one transaction then touch node records that lie close together in the store, the point index and the
 * (section, tile) index receive nearly sorted keys, and a tile's cells end up on few pages for the reads.</li>
 * <li>The section is cut into as many spatial stripes as there are writer threads; each thread writes its stripe's
 * cells and then the edges inside the stripe, so no two threads ever lock the same node. Edges that cross stripes
 * (a small share) follow in one last pass.</li>
 * <li>Edges are sorted by their lower end, so one transaction's edges touch a compact range of nodes.</li>
 * </ul>
 * The batch importer would be faster still but only builds a new, empty store (and needs the database stopped),
 * and a platform database holds many sections.
 */
public final class EmbeddedSectionWriter implements SectionWriter {

    static final Label SECTION = Label.label("Section");
    static final Label CELL = Label.label("Cell");
    static final Label TILE = Label.label("Tile");
    static final RelationshipType NEAR = RelationshipType.withName("NEAR");

    /**
     * @param cellBatch     cells per transaction
     * @param edgeBatch     NEAR edges per transaction
     * @param threads       parallel writers (spatial stripes)
     * @param spatialOrder  write cells tile by tile in Z-order (false: in the order of the input)
     */
    public record Options(int cellBatch, int edgeBatch, int threads, boolean spatialOrder) {
        public static Options defaults() {
            return new Options(DEFAULT_CELL_BATCH, DEFAULT_EDGE_BATCH,
                    Math.max(1, Runtime.getRuntime().availableProcessors()), true);
        }

        public Options withBatches(int cells, int edges) {
            return new Options(cells, edges, threads, spatialOrder);
        }

        public Options withThreads(int t) {
            return new Options(cellBatch, edgeBatch, t, spatialOrder);
        }

        public Options withSpatialOrder(boolean on) {
            return new Options(cellBatch, edgeBatch, threads, on);
        }
    }

    static final int DEFAULT_CELL_BATCH = 10_000;
    static final int DEFAULT_EDGE_BATCH = 50_000;

    private final GraphDatabaseService db;
    private final Options options;

    public EmbeddedSectionWriter(GraphDatabaseService db) {
        this(db, Options.defaults());
    }

    /** With {@code batchSize} cells (and twice as many edges) per transaction. */
    public EmbeddedSectionWriter(GraphDatabaseService db, int batchSize) {
        this(db, Options.defaults().withBatches(batchSize, 2 * batchSize));
    }

    public EmbeddedSectionWriter(GraphDatabaseService db, Options options) {
        this.db = db;
        this.options = options;
    }

    /** Creates the Section node in LOADING state (its own transaction, before any cell is written). */
    public void createLoadingSection(SectionData d) {
        try (Transaction tx = db.beginTx()) {
            Node s = tx.createNode(SECTION);
            s.setProperty("id", d.id());
            s.setProperty("name", d.name());
            if (d.tissue() != null) {
                s.setProperty("tissue", d.tissue());
            }
            s.setProperty("pixelSizeUm", d.pixelSizeUm());
            s.setProperty("tileSizePx", d.tileSizePx());
            s.setProperty("widthUm", d.widthUm());
            s.setProperty("heightUm", d.heightUm());
            s.setProperty("genes", d.genes());
            s.setProperty("hvg", d.hvg());
            s.setProperty("featureDim", d.featureDim());
            s.setProperty("sourceDigest", d.sourceDigest());
            s.setProperty("status", "LOADING");
            s.setProperty("ingestedAt", OffsetDateTime.now().toString());
            for (Map.Entry<String, Object> e : d.properties().entrySet()) {
                s.setProperty(e.getKey(), e.getValue());
            }
            tx.commit();
        }
    }

    @Override
    public WriteReport write(SectionData d, DoubleConsumer progress) {
        createLoadingSection(d);
        int n = d.nCells();
        double totalWork = n + d.nEdges() + d.tiles().length + 1.0;
        int[] order = options.spatialOrder() ? spatialOrder(d) : identity(n);
        long[] nodeIds = new long[n];
        StripedWrite.Timing t = StripedWrite.run(d, order, options.threads(), options.cellBatch(), options.edgeBatch(),
                "sigmma-section-writer", (o, from, to) -> writeCells(d, o, from, to, nodeIds),
                (edges, from, to) -> writeEdges(d, edges, from, to, nodeIds), totalWork, progress);
        long t2 = System.nanoTime();
        writeTiles(d);
        long t3 = System.nanoTime();
        progress.accept(1.0);
        return new WriteReport(n, d.nEdges(), d.tiles().length, t.cellMillis(), t.totalMillis() - t.cellMillis(),
                (t3 - t2) / 1_000_000);
    }

    /** Cell indices tile by tile (cells outside any tile last), in Z-order of their position inside each tile. */
    static int[] spatialOrder(SectionData d) {
        int n = d.nCells();
        Bounds box = Bounds.of(d.x(), d.y());
        double minX = box.minX();
        double minY = box.minY();
        int maxTile = -1;
        for (int i = 0; i < n; i++) {
            maxTile = Math.max(maxTile, d.tile()[i]);
        }
        double sx = 32767 / Math.max(1e-9, box.width());
        double sy = 32767 / Math.max(1e-9, box.height());
        // counting sort by tile (no tile -> after the last tile), then Z-order inside each bucket
        int buckets = maxTile + 2;
        int[] start = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            start[bucket(d.tile()[i], buckets) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        long[] keys = new long[n];
        int[] fill = Arrays.copyOf(start, buckets);
        for (int i = 0; i < n; i++) {
            long z = morton((int) ((d.x()[i] - minX) * sx), (int) ((d.y()[i] - minY) * sy));
            keys[fill[bucket(d.tile()[i], buckets)]++] = (z << 32) | i;
        }
        int[] order = new int[n];
        for (int b = 0; b < buckets; b++) {
            Arrays.sort(keys, start[b], start[b + 1]);
        }
        for (int r = 0; r < n; r++) {
            order[r] = (int) keys[r];
        }
        return order;
    }

    private static int bucket(int tile, int buckets) {
        return tile < 0 ? buckets - 1 : tile;
    }

    /** Interleaves the low 15 bits of x and y. */
    static long morton(int x, int y) {
        long z = 0;
        for (int b = 0; b < 15; b++) {
            z |= ((long) (x >> b & 1) << (2 * b)) | ((long) (y >> b & 1) << (2 * b + 1));
        }
        return z;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    /**
     * Splits the edges into those inside each stripe and those that cross stripes, each list sorted by the write
     * position of the edge's lower end; entries are {@code (lowerPosition << 32) | edgeIndex}.
     */
    static long[] partitionEdges(SectionData d, int[] pos, int stripe, int parts, long[][] inner) {
        int e = d.nEdges();
        int[] count = new int[parts + 1];
        for (int k = 0; k < e; k++) {
            int a = pos[d.edgeSource()[k]] / stripe;
            int b = pos[d.edgeTarget()[k]] / stripe;
            count[a == b ? a : parts]++;
        }
        long[][] lists = new long[parts + 1][];
        for (int p = 0; p <= parts; p++) {
            lists[p] = new long[count[p]];
            count[p] = 0;
        }
        for (int k = 0; k < e; k++) {
            int pa = pos[d.edgeSource()[k]];
            int pb = pos[d.edgeTarget()[k]];
            int a = pa / stripe;
            int b = pb / stripe;
            int p = a == b ? a : parts;
            lists[p][count[p]++] = ((long) Math.min(pa, pb) << 32) | k;
        }
        for (int p = 0; p <= parts; p++) {
            Arrays.sort(lists[p]);
        }
        System.arraycopy(lists, 0, inner, 0, parts);
        return lists[parts];
    }

    /**
     * Cells through the kernel write API with property tokens resolved once per transaction: about twice the
     * rate of Node.setProperty, which looks each key up by name and wraps every value.
     */
    private void writeCells(SectionData d, int[] order, int start, int end, long[] nodeIds) {
        int dim = d.featureDim();
        try (Transaction tx = db.beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            try {
                TokenWrite tokens = ktx.tokenWrite();
                Write write = ktx.dataWrite();
                int[] labels = {tokens.labelGetOrCreateForName(CELL.name())};
                int pId = tokens.propertyKeyGetOrCreateForName("id");
                int pSection = tokens.propertyKeyGetOrCreateForName("section");
                int pCellId = tokens.propertyKeyGetOrCreateForName("cellId");
                int pX = tokens.propertyKeyGetOrCreateForName("x");
                int pY = tokens.propertyKeyGetOrCreateForName("y");
                int pLocation = tokens.propertyKeyGetOrCreateForName("location");
                int pTile = tokens.propertyKeyGetOrCreateForName("tile");
                int pMicro = tokens.propertyKeyGetOrCreateForName(Scale.MICRO.blockProperty().orElseThrow());
                int pMeso = tokens.propertyKeyGetOrCreateForName(Scale.MESO.blockProperty().orElseThrow());
                int pGenes = tokens.propertyKeyGetOrCreateForName("countGenes");
                int pCounts = tokens.propertyKeyGetOrCreateForName("counts");
                int pFeatures = tokens.propertyKeyGetOrCreateForName("features");
                int pType = tokens.propertyKeyGetOrCreateForName("cellType");
                Value section = Values.stringValue(d.id());
                for (int r = start; r < end; r++) {
                    int i = order[r];
                    long node = write.nodeCreateWithLabels(labels);
                    write.nodeSetProperty(node, pId, Values.stringValue(d.cellNodeId(i)));
                    write.nodeSetProperty(node, pSection, section);
                    write.nodeSetProperty(node, pCellId, Values.stringValue(d.cellIds()[i]));
                    write.nodeSetProperty(node, pX, Values.doubleValue(d.x()[i]));
                    write.nodeSetProperty(node, pY, Values.doubleValue(d.y()[i]));
                    write.nodeSetProperty(node, pLocation,
                            Values.pointValue(CoordinateReferenceSystem.CARTESIAN, d.x()[i], d.y()[i]));
                    write.nodeSetProperty(node, pTile, Values.intValue(d.tile()[i]));
                    write.nodeSetProperty(node, pMicro, Values.intValue(d.microBlock()[i]));
                    write.nodeSetProperty(node, pMeso, Values.intValue(d.mesoBlock()[i]));
                    int a = d.countIndptr()[i];
                    int b = d.countIndptr()[i + 1];
                    write.nodeSetProperty(node, pGenes, Values.intArray(Arrays.copyOfRange(d.countGenes(), a, b)));
                    write.nodeSetProperty(node, pCounts, Values.intArray(Arrays.copyOfRange(d.countValues(), a, b)));
                    write.nodeSetProperty(node, pFeatures,
                            Values.floatArray(Arrays.copyOfRange(d.features(), i * dim, (i + 1) * dim)));
                    if (d.cellTypes() != null && d.cellTypes()[i] != null) {
                        write.nodeSetProperty(node, pType, Values.stringValue(d.cellTypes()[i]));
                    }
                    nodeIds[i] = node;
                }
            } catch (KernelException ex) {
                throw new IllegalStateException("writing cells " + start + ".." + end + " of " + d.id() + ": "
                        + ex.getMessage(), ex);
            }
            tx.commit();
        }
    }

    private void writeEdges(SectionData d, long[] edges, int start, int end, long[] nodeIds) {
        try (Transaction tx = db.beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            try {
                int type = ktx.tokenWrite().relationshipTypeGetOrCreateForName(NEAR.name());
                int pDistance = ktx.tokenWrite().propertyKeyGetOrCreateForName("distance");
                Write write = ktx.dataWrite();
                for (int j = start; j < end; j++) {
                    int k = (int) edges[j];
                    long rel = write.relationshipCreate(nodeIds[d.edgeSource()[k]], type, nodeIds[d.edgeTarget()[k]]);
                    write.relationshipSetProperty(rel, pDistance, Values.floatValue(d.edgeDistance()[k]));
                }
            } catch (KernelException ex) {
                throw new IllegalStateException("writing NEAR edges " + start + ".." + end + " of " + d.id() + ": "
                        + ex.getMessage(), ex);
            }
            tx.commit();
        }
    }

    void writeTiles(SectionData d) {
        try (Transaction tx = db.beginTx()) {
            Node section = tx.findNode(SECTION, "id", d.id());
            for (SectionData.TileRow t : d.tiles()) {
                Node tile = tx.createNode(TILE);
                tile.setProperty("id", SectionData.tileNodeId(d.id(), t.index()));
                tile.setProperty("section", d.id());
                tile.setProperty("index", t.index());
                tile.setProperty("row", t.row());
                tile.setProperty("col", t.col());
                tile.setProperty("x0", t.x0());
                tile.setProperty("y0", t.y0());
                tile.setProperty("sizeUm", t.sizeUm());
                tile.setProperty("split", t.split());
                tile.setProperty("nCells", t.nCells());
                if (t.imageRef() != null) {
                    tile.setProperty("imageRef", t.imageRef());
                }
            }
            section.setProperty("nCells", (long) d.nCells());
            section.setProperty("nEdges", (long) d.nEdges());
            section.setProperty("nTiles", (long) d.tiles().length);
            tx.commit();
        }
    }

}
