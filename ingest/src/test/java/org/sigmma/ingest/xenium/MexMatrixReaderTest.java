package org.sigmma.ingest.xenium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.ingest.expression.SparseCounts;
import org.sigmma.store.TempDirs;

/** The MEX parser against the real sample's h5 matrix (read by jHDF), through a MatrixMarket file in shuffled order. */
class MexMatrixReaderTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    @Test
    void realCellsThroughMatrixMarketEqualTheH5() throws Exception {
        FeatureMatrix h5 = H5MatrixReader.read(XeniumSampleTest.SAMPLE.resolve("cell_feature_matrix.h5"));
        int n = 1500; // the first cells: enough to meet every feature kind, small enough to stay fast
        SparseCounts s = h5.counts();
        List<String> entries = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int k = s.indptr()[c]; k < s.indptr()[c + 1]; k++) {
                entries.add((s.indices()[k] + 1) + " " + (c + 1) + " " + s.values()[k]);
            }
        }
        Collections.shuffle(entries, new Random(3));
        List<String> mtx = new ArrayList<>();
        mtx.add("%%MatrixMarket matrix coordinate integer general");
        mtx.add("%metadata_json: {\"software_version\": \"test\", \"format_version\": 2}");
        mtx.add(h5.features().size() + " " + n + " " + entries.size());
        mtx.addAll(entries);
        Path dir = tmp.resolve("cell_feature_matrix");
        Files.createDirectories(dir);
        TinyBundle.writeGz(dir.resolve("matrix.mtx.gz"), mtx);
        Files.copy(XeniumSampleTest.SAMPLE.resolve("cell_feature_matrix/features.tsv.gz"), dir.resolve("features.tsv.gz"));
        List<String> barcodes = TinyBundle.readGz(XeniumSampleTest.SAMPLE.resolve("cell_feature_matrix/barcodes.tsv.gz"));
        TinyBundle.writeGz(dir.resolve("barcodes.tsv.gz"), barcodes.subList(0, n));

        FeatureMatrix mex = MexMatrixReader.read(dir);
        assertArrayEquals(java.util.Arrays.copyOf(h5.barcodes(), n), mex.barcodes());
        assertArrayEquals(h5.features().ids(), mex.features().ids());
        assertArrayEquals(h5.features().types(), mex.features().types());
        assertEquals(s.indptr()[n], mex.counts().nonZeros());
        for (int c = 0; c < n; c++) {
            assertArrayEquals(s.genesOf(c), mex.counts().genesOf(c), "features of cell " + c);
            assertArrayEquals(s.countsOf(c), mex.counts().countsOf(c), "counts of cell " + c);
        }
        CountMatrix fromMex = CountMatrix.of(mex);
        assertEquals(248, fromMex.nGenes());
    }

    @Test
    void plainTextFilesAndRealValuedCounts() throws Exception {
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate real general\n% a comment\n"
                + "3 2 3\n3 1 2.0\n1 1 5\n2 2 1e0\n");
        Files.writeString(dir.resolve("features.tsv"), "E1\tGeneA\tGene Expression\nE2\tGeneB\nE3\tNegControlProbe_1\tNegative Control Probe\n");
        Files.writeString(dir.resolve("barcodes.tsv"), "a-1\nb-1\n");
        FeatureMatrix m = MexMatrixReader.read(dir);
        assertArrayEquals(new int[] {0, 2, 3}, m.counts().indptr());
        assertArrayEquals(new int[] {0, 2, 1}, m.counts().indices());
        assertArrayEquals(new int[] {5, 2, 1}, m.counts().values());
        assertEquals("Gene Expression", m.features().types()[1], "a missing type column means gene expression");
        CountMatrix cm = CountMatrix.of(m);
        assertArrayEquals(new String[] {"GeneA", "GeneB"}, cm.geneNames());
        assertArrayEquals(new int[] {2, 0}, cm.qcCounts().get("control_probe"));
    }

    @Test
    void fewerEntriesThanDeclared() throws Exception {
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n2 1 3\n1 1 5\n2 1 1\n");
        Files.writeString(dir.resolve("features.tsv"), "E1\tA\tGene Expression\nE2\tB\tGene Expression\n");
        Files.writeString(dir.resolve("barcodes.tsv"), "a-1\n");
        BundleException e = org.junit.jupiter.api.Assertions.assertThrows(BundleException.class, () -> MexMatrixReader.read(dir));
        assertEquals(dir.resolve("matrix.mtx"), e.file());
        assertEquals("entries", e.field());
    }
}
