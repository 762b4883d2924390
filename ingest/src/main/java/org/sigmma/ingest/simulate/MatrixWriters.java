package org.sigmma.ingest.simulate;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Writes the cell-feature matrix in 10x's two layouts. Both hold every feature: the panel's genes
 * ("Gene Expression") followed by the control probes, control codewords and blank codewords, as Xenium does.
 *
 * <p>{@code cell_feature_matrix.h5} (jHDF): group {@code /matrix} with {@code barcodes}, {@code data} (int32),
 * {@code indices}, {@code indptr} (int64), {@code shape} (int32, features then cells) and
 * {@code features/{id, name, feature_type, genome}} with the {@code _all_tag_keys} attribute; the matrix is
 * features x cells in compressed sparse columns, i.e. the cells' rows of {@link SparseCounts} as they are.
 * Where this differs from Cell Ranger's own files: strings are fixed-length UTF-8, null-terminated (10x: ASCII,
 * null-padded; readers see the same strings), and {@code indices} is int32 rather than int64, which halves the
 * largest dataset (jHDF needs the whole array in memory to write it). Large datasets are chunked and deflated.
 *
 * <p>{@code cell_feature_matrix/}: {@code matrix.mtx.gz} (MatrixMarket coordinate integer general, features x
 * cells, 1-based, by cell), {@code features.tsv.gz} (id, name, type) and {@code barcodes.tsv.gz}.
 */
final class MatrixWriters {

    private static final int CHUNK = 1 << 16;

    private MatrixWriters() {
    }

    /** Genes and controls side by side: each cell's genes, then its controls shifted past the genes. */
    static SparseCounts allFeatures(SimulatedSection s) {
        SparseCounts g = s.counts();
        SparseCounts k = s.controlCounts();
        int n = g.nCells();
        int shift = g.nGenes();
        int[] indptr = new int[n + 1];
        int[] indices = new int[g.nonZeros() + k.nonZeros()];
        int[] values = new int[indices.length];
        int at = 0;
        for (int c = 0; c < n; c++) {
            int len = g.indptr()[c + 1] - g.indptr()[c];
            System.arraycopy(g.indices(), g.indptr()[c], indices, at, len);
            System.arraycopy(g.values(), g.indptr()[c], values, at, len);
            at += len;
            for (int q = k.indptr()[c]; q < k.indptr()[c + 1]; q++) {
                indices[at] = k.indices()[q] + shift;
                values[at++] = k.values()[q];
            }
            indptr[c + 1] = at;
        }
        return new SparseCounts(n, shift + k.nGenes(), indptr, indices, values);
    }

    static String[][] features(GenePanel panel) {
        int g = panel.size();
        int k = panel.controlCount();
        String[] ids = new String[g + k];
        String[] names = new String[g + k];
        String[] types = new String[g + k];
        String[] cids = panel.controlIds();
        String[] ctypes = panel.controlTypes();
        for (int i = 0; i < g; i++) {
            ids[i] = panel.id(i);
            names[i] = panel.name(i);
            types[i] = GenePanel.GENE_EXPRESSION;
        }
        for (int i = 0; i < k; i++) {
            ids[g + i] = cids[i];
            names[g + i] = cids[i];
            types[g + i] = ctypes[i];
        }
        return new String[][] {ids, names, types};
    }

    static void writeH5(Path file, String[] barcodes, String[][] features, SparseCounts all) {
        long[] indptr = new long[all.nCells() + 1];
        for (int i = 0; i < indptr.length; i++) {
            indptr[i] = all.indptr()[i];
        }
        String[] genome = new String[features[0].length];
        java.util.Arrays.fill(genome, "Unknown");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("filetype", "matrix");
            h5.putAttribute("software_version", "sigmma-simulator");
            h5.putAttribute("chemistry_description", "Xenium (simulated)");
            WritableGroup m = h5.putGroup("matrix");
            m.putDataset("barcodes", barcodes);
            m.putDataset("data", all.values(), options(all.values().length));
            m.putDataset("indices", all.indices(), options(all.indices().length));
            m.putDataset("indptr", indptr, options(indptr.length));
            m.putDataset("shape", new int[] {all.nGenes(), all.nCells()});
            WritableGroup f = m.putGroup("features");
            f.putAttribute("_all_tag_keys", new String[] {"genome"});
            f.putDataset("id", features[0]);
            f.putDataset("name", features[1]);
            f.putDataset("feature_type", features[2]);
            f.putDataset("genome", genome);
        }
    }

    /** Chunked and deflated when large enough to gain from it (jHDF wants chunks no larger than the data). */
    private static DatasetCreationOptions options(int length) {
        if (length < 1024) {
            return DatasetCreationOptions.DEFAULT;
        }
        return DatasetCreationOptions.builder().chunkDimensions(Math.min(CHUNK, length)).deflate(4).build();
    }

    static void writeMex(Path dir, String[] barcodes, String[][] features, SparseCounts all) throws IOException {
        Files.createDirectories(dir);
        try (TextOut out = TextOut.gzip(dir.resolve("matrix.mtx.gz"), 4)) {
            out.text("%%MatrixMarket matrix coordinate integer general\n");
            out.text("%metadata_json: {\"software_version\": \"sigmma-simulator\", \"format_version\": 2}\n");
            out.num(all.nGenes()).ch(' ').num(all.nCells()).ch(' ').num(all.nonZeros()).ch('\n');
            for (int c = 0; c < all.nCells(); c++) {
                for (int k = all.indptr()[c]; k < all.indptr()[c + 1]; k++) {
                    out.num(all.indices()[k] + 1L).ch(' ').num(c + 1L).ch(' ').num(all.values()[k]).ch('\n');
                }
            }
        }
        try (TextOut out = TextOut.gzip(dir.resolve("features.tsv.gz"), 6)) {
            for (int i = 0; i < features[0].length; i++) {
                out.text(features[0][i]).ch('\t').text(features[1][i]).ch('\t').text(features[2][i]).ch('\n');
            }
        }
        try (TextOut out = TextOut.gzip(dir.resolve("barcodes.tsv.gz"), 6)) {
            for (String b : barcodes) {
                out.text(b).ch('\n');
            }
        }
    }
}
