package org.sigmma.ingest.xenium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmma.store.TempDirs;

/**
 * Broken bundles, each built in a temp folder from a tiny bundle or from the real sample: every failure must be
 * a {@link BundleException} whose message starts with the file and the field, and names the row or id.
 */
class BundleValidationTest {

    @TempDir(factory = TempDirs.Factory.class)
    Path tmp;

    private static BundleException fails(Path dir) {
        return fails(dir, ReadOptions.defaults());
    }

    private static BundleException fails(Path dir, ReadOptions o) {
        return assertThrows(BundleException.class, () -> new XeniumReader(o).read(dir));
    }

    private static void assertNames(BundleException e, Path file, String field, String... parts) {
        assertEquals(file.toString(), e.file().toString(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": " + field + ": "), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should name " + p + ": " + e.getMessage());
        }
    }

    private Path tiny(String name) {
        return new TinyBundle(8, name.hashCode()).write(tmp.resolve(name));
    }

    /** Rewrites the tiny bundle's cells.csv.gz with {@code edit} applied to its lines. */
    private static void editCells(Path dir, java.util.function.Consumer<List<String>> edit) throws Exception {
        Path f = dir.resolve("cells.csv.gz");
        List<String> lines = new ArrayList<>(TinyBundle.readGz(f));
        edit.accept(lines);
        TinyBundle.writeGz(f, lines);
    }

    @Test
    void missingDirectory() {
        Path dir = tmp.resolve("nowhere");
        assertNames(fails(dir), dir, "directory");
    }

    @Test
    void missingCellsFile() throws Exception {
        Path dir = tiny("b");
        Files.delete(dir.resolve("cells.csv.gz"));
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "file", "missing");
    }

    @Test
    void missingMatrix() throws Exception {
        Path dir = tiny("b");
        Files.delete(dir.resolve("cell_feature_matrix.h5"));
        assertNames(fails(dir), dir.resolve("cell_feature_matrix.h5"), "file", "missing", "matrix.mtx.gz");
    }

    @Test
    void missingMexPart() throws Exception {
        TinyBundle t = new TinyBundle(6, 11);
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        t.writeCells(dir.resolve("cells.csv.gz"));
        t.writeMex(dir.resolve("cell_feature_matrix"));
        Files.delete(dir.resolve("cell_feature_matrix/features.tsv.gz"));
        assertNames(fails(dir), dir.resolve("cell_feature_matrix/features.tsv.gz"), "file", "missing");
    }

    @Test
    void missingColumn() throws Exception {
        Path dir = tiny("b");
        // drop the y_centroid column (third field) from every line
        editCells(dir, lines -> lines.replaceAll(l -> {
            String[] f = l.split(",", -1);
            List<String> keep = new ArrayList<>(Arrays.asList(f));
            keep.remove(2);
            return String.join(",", keep);
        }));
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "y_centroid", "missing column");
    }

    @Test
    void nanCoordinateNamesTheRow() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> {
            String[] f = lines.get(3).split(",", -1);
            f[1] = "NaN";
            lines.set(3, String.join(",", f));
        });
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "x_centroid", "row 3 ", "line 4", "NaN");
    }

    @Test
    void infiniteCoordinateNamesTheRow() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> {
            String[] f = lines.get(5).split(",", -1);
            f[2] = "-inf";
            lines.set(5, String.join(",", f));
        });
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "y_centroid", "row 5 ", "Infinity");
    }

    @Test
    void emptyCoordinateNamesTheRow() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> {
            String[] f = lines.get(2).split(",", -1);
            f[2] = "";
            lines.set(2, String.join(",", f));
        });
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "y_centroid", "row 2 ", "empty");
    }

    @Test
    void duplicateCellIdNamesTheId() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> {
            String id = lines.get(2).split(",", -1)[0];
            String[] f = lines.get(6).split(",", -1);
            f[0] = id;
            lines.set(6, String.join(",", f));
        });
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "cell_id", "duplicate cell id \"cell2-1\"", "row 6", "row 2");
    }

    @Test
    void cellsAndMatrixDisagreeInCount() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> lines.remove(lines.size() - 1));
        assertNames(fails(dir), dir.resolve("cell_feature_matrix.h5"), "barcodes", "8 cells in the matrix but 7");
    }

    @Test
    void cellsAndMatrixDisagreeInIds() throws Exception {
        Path dir = tiny("b");
        editCells(dir, lines -> lines.set(4, lines.get(4).replace("cell4-1", "cell99-1")));
        assertNames(fails(dir), dir.resolve("cell_feature_matrix.h5"), "barcodes", "\"cell99-1\"", "row 4");
    }

    @Test
    void truncatedCellsGzip() throws Exception {
        Path dir = tmp.resolve("real");
        Files.createDirectories(dir);
        byte[] whole = Files.readAllBytes(XeniumSampleTest.SAMPLE.resolve("cells.csv.gz"));
        Files.write(dir.resolve("cells.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
        Files.copy(XeniumSampleTest.SAMPLE.resolve("cell_feature_matrix.h5"), dir.resolve("cell_feature_matrix.h5"));
        assertNames(fails(dir), dir.resolve("cells.csv.gz"), "gzip", "truncated");
    }

    @Test
    void truncatedMexMatrixGzip() throws Exception {
        TinyBundle t = new TinyBundle(200, 12);
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        t.writeCells(dir.resolve("cells.csv.gz"));
        t.writeMex(dir.resolve("cell_feature_matrix"));
        Path mtx = dir.resolve("cell_feature_matrix/matrix.mtx.gz");
        byte[] whole = Files.readAllBytes(mtx);
        Files.write(mtx, Arrays.copyOf(whole, whole.length - 12));
        assertNames(fails(dir), mtx, "gzip", "truncated");
    }

    @Test
    void mexEntryOutsideTheDeclaredSize() throws Exception {
        TinyBundle t = new TinyBundle(6, 13);
        Path dir = tmp.resolve("mex");
        Files.createDirectories(dir);
        t.writeCells(dir.resolve("cells.csv.gz"));
        Path mexDir = dir.resolve("cell_feature_matrix");
        t.writeMex(mexDir);
        Path mtx = mexDir.resolve("matrix.mtx.gz");
        List<String> lines = new ArrayList<>(TinyBundle.readGz(mtx));
        lines.set(4, "8 1 3");
        TinyBundle.writeGz(mtx, lines);
        assertNames(fails(dir), mtx, "entry 2", "(8, 1)", "7 x 6");
    }

    @Test
    void h5WithoutMatrixGroup() {
        Path dir = tiny("b");
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            w.putGroup("something_else").putDataset("x", new int[] {1, 2, 3});
        }
        assertNames(fails(dir), h5, "/matrix", "no group /matrix", "something_else");
    }

    @Test
    void h5WithADenseMatrix() {
        Path dir = tiny("b");
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            w.putDataset("matrix", new int[][] {{1, 0, 2}, {0, 3, 0}});
        }
        assertNames(fails(dir), h5, "/matrix", "dense", "[2, 3]");
    }

    @Test
    void h5WithATwoDimensionalDataDataset() {
        TinyBundle t = new TinyBundle(8, 14);
        Path dir = t.write(tmp.resolve("b"));
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            WritableGroup m = w.putGroup("matrix");
            m.putDataset("barcodes", t.matrixBarcodes());
            m.putDataset("shape", new int[] {7, 8});
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", TinyBundle.FEATURE_IDS.clone());
            f.putDataset("name", TinyBundle.FEATURE_NAMES.clone());
            f.putDataset("feature_type", TinyBundle.FEATURE_TYPES.clone());
            m.putDataset("indptr", new long[9]);
            m.putDataset("indices", new long[] {0});
            m.putDataset("data", new int[7][8]);
        }
        assertNames(fails(dir), h5, "/matrix/data", "1-D", "[7, 8]");
    }

    @Test
    void h5MissingIndptr() {
        TinyBundle t = new TinyBundle(8, 15);
        Path dir = t.write(tmp.resolve("b"));
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            WritableGroup m = w.putGroup("matrix");
            m.putDataset("barcodes", t.matrixBarcodes());
            m.putDataset("shape", new int[] {7, 8});
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", TinyBundle.FEATURE_IDS.clone());
            f.putDataset("name", TinyBundle.FEATURE_NAMES.clone());
            f.putDataset("feature_type", TinyBundle.FEATURE_TYPES.clone());
            m.putDataset("data", new int[] {1});
            m.putDataset("indices", new long[] {0});
        }
        assertNames(fails(dir), h5, "/matrix/indptr", "missing dataset");
    }

    @Test
    void h5FeatureIndexOutOfRange() {
        TinyBundle t = new TinyBundle(3, 16);
        Path dir = t.write(tmp.resolve("b"));
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            WritableGroup m = w.putGroup("matrix");
            m.putDataset("barcodes", t.matrixBarcodes());
            m.putDataset("shape", new int[] {7, 3});
            WritableGroup f = m.putGroup("features");
            f.putDataset("id", TinyBundle.FEATURE_IDS.clone());
            f.putDataset("name", TinyBundle.FEATURE_NAMES.clone());
            f.putDataset("feature_type", TinyBundle.FEATURE_TYPES.clone());
            m.putDataset("data", new int[] {1, 2, 3});
            m.putDataset("indices", new long[] {0, 7, 1});
            m.putDataset("indptr", new long[] {0, 1, 2, 3});
        }
        assertNames(fails(dir), h5, "/matrix/indices", "entry 1 = 7", "[0, 7)");
    }

    @Test
    void notAnH5File() throws Exception {
        Path dir = tiny("b");
        Path h5 = dir.resolve("cell_feature_matrix.h5");
        Files.writeString(h5, "this is not HDF5");
        assertNames(fails(dir), h5, "hdf5", "cannot read as HDF5");
    }

    @Test
    void labelsForUnknownCells() throws Exception {
        Path dir = tiny("b");
        Path labels = dir.resolve("cell_types.csv");
        Files.writeString(labels, "cell_id,label\ncell1-1,neuron\ncell42-1,astrocyte\n");
        assertNames(fails(dir), labels, "cell_id", "line 3", "\"cell42-1\"", "not in the cells table");
    }

    @Test
    void labelsWithoutUsableHeader() throws Exception {
        Path dir = tiny("b");
        Path labels = tmp.resolve("labels.csv");
        Files.writeString(labels, "id,what\ncell1-1,neuron\n");
        assertNames(fails(dir, ReadOptions.defaults().withLabels(labels)), labels, "header", "[id, what]");
    }

    @Test
    void experimentXeniumWithoutPixelSize() throws Exception {
        Path dir = tiny("b");
        Path exp = dir.resolve("experiment.xenium");
        Files.writeString(exp, "{\"run_name\": \"x\"}");
        assertNames(fails(dir), exp, "pixel_size", "missing");
        Files.writeString(exp, "{\"pixel_size\": ");
        assertNames(fails(dir), exp, "json", "not valid JSON");
    }

    /** A 100 x 80 px image whose alignment (with the default 0.2125 um pixels) maps it onto [10, 31.25] x [20, 37] um. */
    private static void writeImage(Path dir) throws Exception {
        ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("he_image.png").toFile());
    }

    @Test
    void registrationThatPutsCellsOutsideTheImage() throws Exception {
        Path dir = tiny("b"); // cells lie in x 10..90, y 20..80 um
        writeImage(dir);
        Path alignment = dir.resolve("xen_he_imagealignment.csv");
        // H&E pixel -> morphology pixel: identity plus a shift of (47.06, 94.12) px = (10, 20) um
        Files.writeString(alignment, "1,0,47.0588235294\n0,1,94.1176470588\n0,0,1\n");
        BundleException e = fails(dir);
        assertNames(e, alignment, "matrix", "cells fall outside the 100 x 80 H&E image", "first: cell");
        // the same registration with the image scaled up 4x covers every cell
        Files.writeString(alignment, "4,0,47.0588235294\n0,4,94.1176470588\n0,0,1\n");
        try (XeniumBundle ok = new XeniumReader(ReadOptions.defaults()).read(dir)) {
            assertEquals(100, ok.image().orElseThrow().width());
            double[][] m = ok.imageToMicrons().orElseThrow().matrix();
            assertEquals(4 * 0.2125, m[0][0], 1e-12);
            assertEquals(10.0, m[0][2], 1e-6);
            assertEquals(20.0, m[1][2], 1e-6);
            assertTrue(ok.inputs().contains(dir.resolve("he_image.png")));
        }
    }

    @Test
    void imageWithoutAlignment() throws Exception {
        Path dir = tiny("b");
        writeImage(dir);
        assertNames(fails(dir), dir.resolve("he_image.png"), "alignment", "he_imagealignment.csv");
    }

    @Test
    void malformedAlignment() throws Exception {
        Path dir = tiny("b");
        writeImage(dir);
        Path alignment = dir.resolve("he_imagealignment.csv");
        Files.writeString(alignment, "1,0,0\n0,1,0\n");
        assertNames(fails(dir), alignment, "matrix", "found 2");
        Files.writeString(alignment, "1,0,0\n0,x,0\n0,0,1\n");
        assertNames(fails(dir), alignment, "line 2", "\"x\"");
        Files.writeString(alignment, "1,0,0\n0,1,0\n0.001,0,1\n");
        assertNames(fails(dir), alignment, "matrix", "projective");
    }
}
