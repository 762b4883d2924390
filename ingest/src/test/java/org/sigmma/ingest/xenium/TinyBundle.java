package org.sigmma.ingest.xenium;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small, hand-checkable Xenium bundle written in the real formats (cells.csv.gz, 10x h5 through jHDF's
 * writer, MEX), from a dense matrix that tests use as the reference.
 */
final class TinyBundle {

    static final String[] FEATURE_IDS = {"G1", "G2", "NCP1", "G3", "BL1", "NCC1", "G4"};
    static final String[] FEATURE_NAMES = {"Gad1", "Slc17a7", "NegControlProbe_00031", "Aqp4", "BLANK_0006",
            "NegControlCodeword_0500", "Mbp"};
    static final String[] FEATURE_TYPES = {"Gene Expression", "Gene Expression", "Negative Control Probe",
            "Gene Expression", "Blank Codeword", "Negative Control Codeword", "Gene Expression"};

    final String[] ids;
    final double[] x;
    final double[] y;
    /** cells x features, in cells-table order. */
    final int[][] dense;
    /** matrix column c holds the cells-table row matrixOrder[c]. */
    int[] matrixOrder;

    TinyBundle(int nCells, long seed) {
        Random r = new Random(seed);
        ids = new String[nCells];
        x = new double[nCells];
        y = new double[nCells];
        dense = new int[nCells][FEATURE_IDS.length];
        for (int c = 0; c < nCells; c++) {
            ids[c] = "cell" + (c + 1) + "-1";
            x[c] = 10 + r.nextDouble() * 80;
            y[c] = 20 + r.nextDouble() * 60;
            for (int f = 0; f < FEATURE_IDS.length; f++) {
                dense[c][f] = r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 0;
            }
        }
        matrixOrder = new int[nCells];
        for (int c = 0; c < nCells; c++) {
            matrixOrder[c] = c;
        }
        // a different cell order in the matrix than in the cells table, as the reader must handle
        for (int c = nCells - 1; c > 0; c--) {
            int j = r.nextInt(c + 1);
            int t = matrixOrder[c];
            matrixOrder[c] = matrixOrder[j];
            matrixOrder[j] = t;
        }
    }

    int transcriptCounts(int cell) {
        int s = 0;
        for (int f = 0; f < FEATURE_IDS.length; f++) {
            if (FEATURE_TYPES[f].equals("Gene Expression")) {
                s += dense[cell][f];
            }
        }
        return s;
    }

    Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            writeCells(dir.resolve("cells.csv.gz"));
            writeH5(dir.resolve("cell_feature_matrix.h5"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeCells(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("\"cell_id\",\"x_centroid\",\"y_centroid\",\"transcript_counts\",\"cell_area\",\"segmentation_method\"");
        for (int c = 0; c < ids.length; c++) {
            lines.add("\"" + ids[c] + "\"," + x[c] + "," + y[c] + "," + transcriptCounts(c) + "," + (50.0 + c) + ",\"Boundary\"");
        }
        writeGz(file, lines);
    }

    String[] matrixBarcodes() {
        String[] b = new String[ids.length];
        for (int c = 0; c < ids.length; c++) {
            b[c] = ids[matrixOrder[c]];
        }
        return b;
    }

    void writeH5(Path file) {
        List<Long> indices = new ArrayList<>();
        List<Integer> data = new ArrayList<>();
        long[] indptr = new long[ids.length + 1];
        for (int c = 0; c < ids.length; c++) {
            int[] row = dense[matrixOrder[c]];
            for (int f = 0; f < row.length; f++) {
                if (row[f] != 0) {
                    indices.add((long) f);
                    data.add(row[f]);
                }
            }
            indptr[c + 1] = indices.size();
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup m = h5.putGroup("matrix");
            m.putDataset("barcodes", matrixBarcodes());
            m.putDataset("data", data.stream().mapToInt(Integer::intValue).toArray());
            m.putDataset("indices", indices.stream().mapToLong(Long::longValue).toArray());
            m.putDataset("indptr", indptr);
            m.putDataset("shape", new int[] {FEATURE_IDS.length, ids.length});
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", FEATURE_IDS.clone());
            f.putDataset("name", FEATURE_NAMES.clone());
            f.putDataset("feature_type", FEATURE_TYPES.clone());
        }
    }

    /** The MEX folder; entries in reverse order, which the format allows. */
    void writeMex(Path mexDir) throws IOException {
        Files.createDirectories(mexDir);
        List<String> entries = new ArrayList<>();
        String[] bc = matrixBarcodes();
        for (int c = 0; c < ids.length; c++) {
            int[] row = dense[matrixOrder[c]];
            for (int f = 0; f < row.length; f++) {
                if (row[f] != 0) {
                    entries.add((f + 1) + " " + (c + 1) + " " + row[f]);
                }
            }
        }
        java.util.Collections.reverse(entries);
        List<String> mtx = new ArrayList<>();
        mtx.add("%%MatrixMarket matrix coordinate integer general");
        mtx.add("%metadata_json: {\"software_version\": \"tiny\"}");
        mtx.add(FEATURE_IDS.length + " " + ids.length + " " + entries.size());
        mtx.addAll(entries);
        writeGz(mexDir.resolve("matrix.mtx.gz"), mtx);
        List<String> feats = new ArrayList<>();
        for (int f = 0; f < FEATURE_IDS.length; f++) {
            feats.add(FEATURE_IDS[f] + "\t" + FEATURE_NAMES[f] + "\t" + FEATURE_TYPES[f]);
        }
        writeGz(mexDir.resolve("features.tsv.gz"), feats);
        writeGz(mexDir.resolve("barcodes.tsv.gz"), List.of(bc));
    }

    static void writeGz(Path file, List<String> lines) throws IOException {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file));
             PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            for (String l : lines) {
                w.print(l);
                w.print('\n');
            }
        }
    }

    static List<String> readGz(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
