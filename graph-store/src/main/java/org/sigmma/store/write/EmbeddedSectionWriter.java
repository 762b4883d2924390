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
import org.neo4j.graphdb.spatial.Point;
import org.neo4j.values.storable.CoordinateReferenceSystem;
import org.neo4j.values.storable.Values;

/**
 * The fast write path of embedded Neo4j for a section added to a live database: the core Java API (no Cypher
 * parsing or planning) in large transactions, nodes looked up by their internal id held in memory. The batch
 * importer would be faster still but only builds a new, empty store, and a platform database holds many sections.
 */
public final class EmbeddedSectionWriter implements SectionWriter {

    static final Label SECTION = Label.label("Section");
    static final Label CELL = Label.label("Cell");
    static final Label TILE = Label.label("Tile");
    static final RelationshipType NEAR = RelationshipType.withName("NEAR");

    private final GraphDatabaseService db;
    private final int batchSize;

    public EmbeddedSectionWriter(GraphDatabaseService db) {
        this(db, 50_000);
    }

    public EmbeddedSectionWriter(GraphDatabaseService db, int batchSize) {
        this.db = db;
        this.batchSize = batchSize;
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
        long t0 = System.nanoTime();
        int dim = d.featureDim();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (Transaction tx = db.beginTx()) {
                for (int i = start; i < end; i++) {
                    Node c = tx.createNode(CELL);
                    c.setProperty("id", d.cellNodeId(i));
                    c.setProperty("section", d.id());
                    c.setProperty("cellId", d.cellIds()[i]);
                    c.setProperty("x", d.x()[i]);
                    c.setProperty("y", d.y()[i]);
                    c.setProperty("location", point(d.x()[i], d.y()[i]));
                    c.setProperty("tile", d.tile()[i]);
                    c.setProperty("microBlock", d.microBlock()[i]);
                    c.setProperty("mesoBlock", d.mesoBlock()[i]);
                    int a = d.countIndptr()[i];
                    int b = d.countIndptr()[i + 1];
                    c.setProperty("countGenes", Arrays.copyOfRange(d.countGenes(), a, b));
                    c.setProperty("counts", Arrays.copyOfRange(d.countValues(), a, b));
                    c.setProperty("features", Arrays.copyOfRange(d.features(), i * dim, (i + 1) * dim));
                    if (d.cellTypes() != null && d.cellTypes()[i] != null) {
                        c.setProperty("cellType", d.cellTypes()[i]);
                    }
                    nodeIds[i] = c.getId();
                }
                tx.commit();
            }
            progress.accept(end / totalWork);
        }
        long t1 = System.nanoTime();
        int edgeBatch = batchSize * 2;
        for (int start = 0; start < e; start += edgeBatch) {
            int end = Math.min(e, start + edgeBatch);
            try (Transaction tx = db.beginTx()) {
                for (int k = start; k < end; k++) {
                    Node a = tx.getNodeById(nodeIds[d.edgeSource()[k]]);
                    Node b = tx.getNodeById(nodeIds[d.edgeTarget()[k]]);
                    a.createRelationshipTo(b, NEAR).setProperty("distance", d.edgeDistance()[k]);
                }
                tx.commit();
            }
            progress.accept((n + end) / totalWork);
        }
        long t2 = System.nanoTime();
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
            section.setProperty("nCells", (long) n);
            section.setProperty("nEdges", (long) e);
            section.setProperty("nTiles", (long) d.tiles().length);
            tx.commit();
        }
        long t3 = System.nanoTime();
        progress.accept(1.0);
        return new WriteReport(n, e, d.tiles().length, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    private static Point point(double x, double y) {
        return Values.pointValue(CoordinateReferenceSystem.CARTESIAN, x, y);
    }
}
