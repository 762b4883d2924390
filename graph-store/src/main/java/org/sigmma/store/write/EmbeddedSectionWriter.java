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

/**
 * The fast write path of embedded Neo4j for a section added to a live database: the kernel write API (no Cypher
 * parsing or planning, property tokens resolved once) in large transactions, cells written by parallel
 * transactions, edges joined through the internal node ids held in memory. Measured here: Cypher UNWIND ~5k
 * nodes/s, Node.setProperty ~7k cells/s, this path about twice that per thread (see docs/performance.md). The
 * batch importer would be faster still but only builds a new, empty store, and a platform database holds many
 * sections.
 */
public final class EmbeddedSectionWriter implements SectionWriter {

    static final Label SECTION = Label.label("Section");
    static final Label CELL = Label.label("Cell");
    static final Label TILE = Label.label("Tile");
    static final RelationshipType NEAR = RelationshipType.withName("NEAR");

    private final GraphDatabaseService db;
    private final int batchSize;
    private final int writerThreads;

    public EmbeddedSectionWriter(GraphDatabaseService db) {
        this(db, 50_000);
    }

    public EmbeddedSectionWriter(GraphDatabaseService db, int batchSize) {
        this.db = db;
        this.batchSize = batchSize;
        this.writerThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
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
        int e = d.nEdges();
        double totalWork = n + e + d.tiles().length + 1.0;
        long[] nodeIds = new long[n];
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        long t0 = System.nanoTime();
        // cells in parallel transactions over disjoint ranges: node creation takes no shared locks
        int batches = (n + batchSize - 1) / batchSize;
        int threads = Math.max(1, Math.min(writerThreads, batches));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sigmma-cell-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int b = 0; b < batches; b++) {
                int start = b * batchSize;
                int end = Math.min(n, start + batchSize);
                futures.add(pool.submit(() -> {
                    writeCells(d, start, end, nodeIds);
                    progress.accept(done.addAndGet(end - start) / totalWork);
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing cells of " + d.id(), ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException("writing cells of " + d.id() + " failed: " + ex.getCause(), ex.getCause());
        } finally {
            pool.shutdownNow();
        }
        long t1 = System.nanoTime();
        // edges in one thread: relationship creation locks both end nodes, parallel writers would contend
        int edgeBatch = batchSize * 2;
        for (int start = 0; start < e; start += edgeBatch) {
            int end = Math.min(e, start + edgeBatch);
            writeEdges(d, start, end, nodeIds);
            progress.accept((n + end) / totalWork);
        }
        long t2 = System.nanoTime();
        writeTiles(d);
        long t3 = System.nanoTime();
        progress.accept(1.0);
        return new WriteReport(n, e, d.tiles().length, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /**
     * Cells through the kernel write API with property tokens resolved once per transaction: about twice the
     * rate of Node.setProperty, which looks each key up by name and wraps every value.
     */
    private void writeCells(SectionData d, int start, int end, long[] nodeIds) {
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
                int pMicro = tokens.propertyKeyGetOrCreateForName("microBlock");
                int pMeso = tokens.propertyKeyGetOrCreateForName("mesoBlock");
                int pGenes = tokens.propertyKeyGetOrCreateForName("countGenes");
                int pCounts = tokens.propertyKeyGetOrCreateForName("counts");
                int pFeatures = tokens.propertyKeyGetOrCreateForName("features");
                int pType = tokens.propertyKeyGetOrCreateForName("cellType");
                Value section = Values.stringValue(d.id());
                for (int i = start; i < end; i++) {
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

    private void writeEdges(SectionData d, int start, int end, long[] nodeIds) {
        try (Transaction tx = db.beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            try {
                int type = ktx.tokenWrite().relationshipTypeGetOrCreateForName(NEAR.name());
                int pDistance = ktx.tokenWrite().propertyKeyGetOrCreateForName("distance");
                Write write = ktx.dataWrite();
                for (int k = start; k < end; k++) {
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

    private void writeTiles(SectionData d) {
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
