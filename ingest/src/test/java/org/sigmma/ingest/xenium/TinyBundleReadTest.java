package org.sigmma.ingest.xenium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.store.TempDirs;

/** Reads hand-built bundles and compares every count with the dense matrix they were written from. */
class TinyBundleReadTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    /** Dense gene counts of row c of the bundle's cells, taken from the reference, gene order = file order. */
    private static int[] expectedGenes(TinyBundle t, int c) {
        int[] out = new int[4];
        int g = 0;
        for (int f = 0; f < TinyBundle.FEATURE_IDS.length; f++) {
            if (TinyBundle.FEATURE_TYPES[f].equals("Gene Expression")) {
                out[g++] = t.dense[c][f];
            }
        }
        return out;
    }

    private static int[] denseRow(SparseCounts s, int c) {
        int[] row = new int[s.nGenes()];
        int[] idx = s.genesOf(c);
        int[] val = s.countsOf(c);
        for (int k = 0; k < idx.length; k++) {
            assertTrue(k == 0 || idx[k] > idx[k - 1], "genes of a row are strictly increasing");
            assertTrue(val[k] > 0, "only non-zeros are stored");
            row[idx[k]] = val[k];
        }
        return row;
    }

    private void assertMatchesReference(TinyBundle t, XeniumBundle b) {
        assertArrayEquals(t.ids, b.cells().cellIds());
        assertArrayEquals(t.x, b.cells().x());
        assertArrayEquals(t.y, b.cells().y());
        assertArrayEquals(t.ids, b.matrix().barcodes(), "matrix rows follow the cells table");
        assertArrayEquals(new String[] {"G1", "G2", "G3", "G4"}, b.matrix().geneIds());
        assertArrayEquals(new String[] {"Gad1", "Slc17a7", "Aqp4", "Mbp"}, b.matrix().geneNames());
        Map<String, int[]> qc = b.matrix().qcCounts();
        assertEquals(java.util.List.of("control_probe", "control_codeword", "blank"), java.util.List.copyOf(qc.keySet()));
        for (int c = 0; c < t.ids.length; c++) {
            assertArrayEquals(expectedGenes(t, c), denseRow(b.matrix().counts(), c), "cell " + t.ids[c]);
            assertEquals(t.dense[c][2], qc.get("control_probe")[c]);
            assertEquals(t.dense[c][5], qc.get("control_codeword")[c]);
            assertEquals(t.dense[c][4], qc.get("blank")[c]);
            assertEquals(t.transcriptCounts(c), b.cells().columns().get("transcript_counts")[c]);
            assertEquals(50.0 + c, b.cells().columns().get("cell_area")[c]);
        }
        assertFalse(b.cells().columns().containsKey("segmentation_method"), "text columns are not numeric columns");
        assertEquals(7, b.features().size());
    }

    @Test
    void h5BundleMatchesReferenceAndRowsFollowCellsTable() {
        TinyBundle t = new TinyBundle(40, 1);
        Path dir = t.write(tmp.resolve("b"));
        XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir);
        assertMatchesReference(t, b);
        assertEquals(0.2125, b.pixelSizeUm());
        assertTrue(b.pixelSizeIsDefault());
        assertTrue(b.labels().isEmpty());
        assertTrue(b.image().isEmpty());
    }

    @Test
    void mexBundleReadsTheSameAsH5() throws Exception {
        TinyBundle t = new TinyBundle(40, 2);
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        t.writeCells(dir.resolve("cells.csv.gz"));
        t.writeMex(dir.resolve("cell_feature_matrix"));
        XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir);
        assertMatchesReference(t, b);
        assertTrue(b.inputs().stream().anyMatch(p -> p.endsWith("matrix.mtx.gz")));
    }

    @Test
    void parquetCellsReadTheSameAsCsv() throws Exception {
        TinyBundle t = new TinyBundle(30, 3);
        Path csvDir = t.write(tmp.resolve("csv"));
        Path pqDir = tmp.resolve("pq");
        Files.createDirectories(pqDir);
        Files.copy(csvDir.resolve("cell_feature_matrix.h5"), pqDir.resolve("cell_feature_matrix.h5"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csvDir.resolve("cells.csv.gz") + "')) TO '"
                    + pqDir.resolve("cells.parquet") + "' (FORMAT parquet)");
        }
        XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(pqDir);
        assertMatchesReference(t, b);
        assertTrue(b.inputs().get(0).endsWith("cells.parquet"));
    }

    @Test
    void pixelSizeComesFromExperimentXenium() throws Exception {
        TinyBundle t = new TinyBundle(10, 4);
        Path dir = t.write(tmp.resolve("b"));
        Files.writeString(dir.resolve("experiment.xenium"),
                "{\"major_version\": 5, \"pixel_size\": 0.2125000001, \"run_name\": \"tiny\"}");
        XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir);
        assertEquals(0.2125000001, b.pixelSizeUm());
        assertFalse(b.pixelSizeIsDefault());
        assertTrue(b.pixelSizeSource().endsWith("experiment.xenium"));
    }

    @Test
    void labelsAreDiscoveredWithFlexibleHeaders() throws Exception {
        TinyBundle t = new TinyBundle(12, 5);
        Path dir = t.write(tmp.resolve("b"));
        StringBuilder csv = new StringBuilder("Barcode,Cluster\n");
        for (int c = 0; c < t.ids.length; c += 2) {
            csv.append(t.ids[c]).append(",\"type ").append(c % 3).append(", a\"\n");
        }
        Files.writeString(dir.resolve("cell_types.csv"), csv);
        XeniumBundle b = new XeniumReader(ReadOptions.defaults()).read(dir);
        Map<String, String> labels = b.labels().orElseThrow();
        assertEquals(6, labels.size());
        for (int c = 0; c < t.ids.length; c++) {
            assertEquals(c % 2 == 0 ? "type " + (c % 3) + ", a" : null, labels.get(t.ids[c]));
        }
        // given explicitly, and not discovered when discovery is off
        Path other = tmp.resolve("my_labels.csv");
        Files.writeString(other, "cell_id,cell_type\n" + t.ids[3] + ",astrocyte\n");
        XeniumBundle explicit = new XeniumReader(ReadOptions.defaults().withLabels(other)).read(dir);
        assertEquals(Map.of(t.ids[3], "astrocyte"), explicit.labels().orElseThrow());
        assertTrue(new XeniumReader(ReadOptions.defaults().withDiscover(false)).read(dir).labels().isEmpty());
    }

    @Test
    void digestIsStableAcrossCopiesAndFollowsContent() throws Exception {
        TinyBundle t = new TinyBundle(20, 6);
        Path a = t.write(tmp.resolve("a"));
        Path b = t.write(tmp.resolve("elsewhere/b"));
        XeniumReader reader = new XeniumReader(ReadOptions.defaults());
        String da = reader.read(a).digest();
        assertEquals(64, da.length());
        assertEquals(da, reader.read(a).digest());
        assertEquals(da, reader.read(b).digest(), "same bytes in another folder, same digest");
        Files.writeString(b.resolve("experiment.xenium"), "{\"pixel_size\": 0.2125}");
        assertNotEquals(da, reader.read(b).digest(), "an added input changes the digest");
    }

    @Test
    void progressRunsFromZeroToOne() {
        TinyBundle t = new TinyBundle(5, 7);
        Path dir = t.write(tmp.resolve("b"));
        java.util.List<Double> seen = new java.util.ArrayList<>();
        new XeniumReader(ReadOptions.defaults().withProgress(seen::add)).read(dir);
        assertEquals(1.0, seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1));
        }
    }
}
