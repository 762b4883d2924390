package org.sigmma.ingest.xenium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sigmma.ingest.expression.SparseCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real 10x sample shipped in samples/: the figures of its README, and cross-checks between files that
 * 10x wrote independently (cells.csv.gz's per-cell totals against the h5 matrix, the MEX barcodes and
 * features against the h5 ones).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeniumSampleTest {

    static final Path SAMPLE = Path.of("../samples/xenium_mouse_brain_ctx_hp");
    private static final Logger LOG = LoggerFactory.getLogger(XeniumSampleTest.class);

    XeniumBundle bundle;

    @BeforeAll
    void read() {
        long t0 = System.nanoTime();
        bundle = new XeniumReader(ReadOptions.defaults()).read(SAMPLE);
        LOG.info("sample read in {} ms (first read in this JVM)", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void readmeFigures() {
        assertEquals(36_602, bundle.cells().size());
        assertEquals(36_602, bundle.matrix().nCells());
        FeatureTable f = bundle.features();
        assertEquals(541, f.size());
        Map<String, Integer> byType = new HashMap<>();
        for (String t : f.types()) {
            byType.merge(t, 1, Integer::sum);
        }
        assertEquals(Map.of("Gene Expression", 248, "Blank Codeword", 225, "Negative Control Codeword", 41,
                "Negative Control Probe", 27), byType);
        assertEquals(248, bundle.matrix().nGenes());
        // 2,620,367 stored entries over all features: genes plus the non-zero control entries
        assertEquals(2_620_367, H5MatrixReader.read(SAMPLE.resolve("cell_feature_matrix.h5")).counts().nonZeros());
        long[] lib = new long[bundle.matrix().nCells()];
        for (int c = 0; c < lib.length; c++) {
            lib[c] = bundle.matrix().counts().librarySize(c);
        }
        long[] sorted = lib.clone();
        Arrays.sort(sorted);
        assertEquals(211, (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2, "median gene counts per cell");
        assertTrue(bundle.pixelSizeIsDefault());
        assertEquals(0.2125, bundle.pixelSizeUm());
        assertTrue(bundle.labels().isEmpty());
        assertTrue(bundle.image().isEmpty());
    }

    @Test
    void cellsTableColumnsAgreeWithTheMatrix() {
        CellTable cells = bundle.cells();
        assertEquals(List.of("transcript_counts", "control_probe_counts", "control_codeword_counts", "total_counts",
                "cell_area", "nucleus_area"), List.copyOf(cells.columns().keySet()));
        assertArrayEquals(cells.cellIds(), bundle.matrix().barcodes());
        double[] transcripts = cells.columns().get("transcript_counts");
        double[] probes = cells.columns().get("control_probe_counts");
        double[] codewords = cells.columns().get("control_codeword_counts");
        Map<String, int[]> qc = bundle.matrix().qcCounts();
        for (int c = 0; c < cells.size(); c++) {
            assertEquals(transcripts[c], bundle.matrix().counts().librarySize(c), "transcript_counts of cell " + cells.cellIds()[c]);
            assertEquals(probes[c], qc.get("control_probe")[c], "control_probe_counts of cell " + cells.cellIds()[c]);
            assertEquals(codewords[c], qc.get("control_codeword")[c], "control_codeword_counts of cell " + cells.cellIds()[c]);
        }
        // first data row of cells.csv.gz, as printed by zcat
        assertEquals("1", cells.cellIds()[0]);
        assertEquals(1898.8149169921874, cells.x()[0]);
        assertEquals(2540.963146972656, cells.y()[0]);
        assertEquals(305.21109375000003, cells.columns().get("cell_area")[0]);
    }

    @Test
    void mexFilesListTheSameBarcodesAndFeaturesAsTheH5() {
        Path mex = SAMPLE.resolve("cell_feature_matrix");
        FeatureTable fromTsv = MexMatrixReader.readFeatures(mex.resolve("features.tsv.gz"));
        assertArrayEquals(fromTsv.ids(), bundle.features().ids());
        assertArrayEquals(fromTsv.names(), bundle.features().names());
        assertArrayEquals(fromTsv.types(), bundle.features().types());
        String[] barcodes = MexMatrixReader.readBarcodes(mex.resolve("barcodes.tsv.gz"));
        assertArrayEquals(barcodes, H5MatrixReader.read(SAMPLE.resolve("cell_feature_matrix.h5")).barcodes());
    }

    @Test
    void countsAreSortedSparseRowsOfPositiveValues() {
        SparseCounts s = bundle.matrix().counts();
        for (int c = 0; c < s.nCells(); c++) {
            for (int k = s.indptr()[c]; k < s.indptr()[c + 1]; k++) {
                assertTrue(s.values()[k] > 0);
                assertTrue(k == s.indptr()[c] || s.indices()[k] > s.indices()[k - 1]);
            }
        }
        for (String name : bundle.matrix().geneNames()) {
            assertTrue(!name.startsWith("NegControl") && !name.startsWith("BLANK"), name);
        }
    }

    @Test
    void digestIsRepeatable() {
        assertEquals(bundle.digest(), new XeniumReader(ReadOptions.defaults()).read(SAMPLE).digest());
        assertEquals(List.of(SAMPLE.resolve("cells.csv.gz"), SAMPLE.resolve("cell_feature_matrix.h5")), bundle.inputs());
    }
}
