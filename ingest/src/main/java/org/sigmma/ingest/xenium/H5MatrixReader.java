package org.sigmma.ingest.xenium;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sigmma.ingest.expression.SparseCounts;

/**
 * Reads a 10x {@code cell_feature_matrix.h5} with jHDF. The 10x layout is a group {@code /matrix} holding a
 * features x cells matrix in compressed sparse columns ({@code data, indices, indptr, shape}), the cell
 * {@code barcodes}, and {@code features/{id,name,feature_type}}. A CSC features x cells matrix is, read the
 * other way round, a CSR cells x features matrix, so no transpose is needed; every index is checked.
 */
public final class H5MatrixReader {

    private H5MatrixReader() {
    }

    public static FeatureMatrix read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "file", "missing");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            return read(file, h5);
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleException(file, "hdf5", "cannot read as HDF5: " + e, e);
        }
    }

    private static FeatureMatrix read(Path file, HdfFile h5) {
        Node node = h5.getChildren().get("matrix");
        if (node == null) {
            throw new BundleException(file, "/matrix", "no group /matrix: not a 10x matrix file (top level has "
                    + h5.getChildren().keySet() + ")");
        }
        if (!(node instanceof Group matrix)) {
            String what = node instanceof Dataset d ? "a dataset of shape " + Arrays.toString(d.getDimensions()) : "a " + node.getType();
            throw new BundleException(file, "/matrix", "expected the 10x sparse group (barcodes, data, indices, "
                    + "indptr, shape, features), found " + what + "; dense matrices are not supported");
        }
        long[] shape = longs(file, dataset(file, matrix, "shape"));
        if (shape.length != 2 || shape[0] < 0 || shape[1] < 0 || shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw new BundleException(file, "/matrix/shape", "expected 2 sizes (features, cells), found " + Arrays.toString(shape));
        }
        int nFeatures = (int) shape[0];
        int nCells = (int) shape[1];

        String[] barcodes = strings(file, dataset(file, matrix, "barcodes"), nCells);
        Node featNode = matrix.getChildren().get("features");
        if (!(featNode instanceof Group features)) {
            throw new BundleException(file, "/matrix/features", featNode == null ? "missing group" : "not a group");
        }
        String[] ids = strings(file, dataset(file, features, "id"), nFeatures);
        String[] names = strings(file, dataset(file, features, "name"), nFeatures);
        String[] types = strings(file, dataset(file, features, "feature_type"), nFeatures);

        long[] indptrL = longs(file, dataset(file, matrix, "indptr"));
        if (indptrL.length != nCells + 1) {
            throw new BundleException(file, "/matrix/indptr", indptrL.length + " entries, expected cells + 1 = " + (nCells + 1));
        }
        Dataset dataDs = dataset(file, matrix, "data");
        Dataset indicesDs = dataset(file, matrix, "indices");
        long nnz = dataDs.getSize();
        if (indicesDs.getSize() != nnz) {
            throw new BundleException(file, "/matrix/indices", indicesDs.getSize() + " entries but /matrix/data has " + nnz);
        }
        if (nnz > Integer.MAX_VALUE - 8) {
            throw new BundleException(file, "/matrix/data", nnz + " non-zeros is more than one array can hold");
        }
        int[] indptr = new int[nCells + 1];
        if (indptrL[0] != 0) {
            throw new BundleException(file, "/matrix/indptr", "starts at " + indptrL[0] + ", expected 0");
        }
        for (int c = 0; c < nCells; c++) {
            if (indptrL[c + 1] < indptrL[c] || indptrL[c + 1] > nnz) {
                throw new BundleException(file, "/matrix/indptr", "entry " + (c + 1) + " = " + indptrL[c + 1]
                        + " is not between the previous entry " + indptrL[c] + " and the number of non-zeros " + nnz);
            }
            indptr[c + 1] = (int) indptrL[c + 1];
        }
        if (indptr[nCells] != nnz) {
            throw new BundleException(file, "/matrix/indptr", "ends at " + indptr[nCells] + ", expected the number of non-zeros " + nnz);
        }
        int[] indices = ints(file, indicesDs, nFeatures);
        int[] values = counts(file, dataDs);
        for (int c = 0; c < nCells; c++) {
            SparseRows.sortRow(file, "/matrix/indices", indices, values, indptr[c], indptr[c + 1], "cell " + barcodes[c]);
        }
        return new FeatureMatrix(barcodes, new FeatureTable(ids, names, types),
                new SparseCounts(nCells, nFeatures, indptr, indices, values));
    }

    private static Dataset dataset(Path file, Group g, String name) {
        String path = (g.getPath().endsWith("/") ? g.getPath() : g.getPath() + "/") + name;
        path = path.replaceAll("/+", "/");
        Node n = g.getChildren().get(name);
        if (n == null) {
            throw new BundleException(file, path, "missing dataset");
        }
        if (!(n instanceof Dataset d)) {
            throw new BundleException(file, path, "expected a dataset, found a " + n.getType());
        }
        if (d.getDimensions().length != 1) {
            throw new BundleException(file, path, "expected a 1-D dataset, found shape " + Arrays.toString(d.getDimensions()));
        }
        return d;
    }

    private static String where(Dataset d) {
        return d.getPath().replaceAll("/+", "/");
    }

    private static String[] strings(Path file, Dataset d, int expected) {
        Object data = d.getDataFlat();
        if (!(data instanceof String[] s)) {
            throw new BundleException(file, where(d), "expected strings, found " + d.getJavaType().getSimpleName());
        }
        if (s.length != expected) {
            throw new BundleException(file, where(d), s.length + " entries, expected " + expected + " (from /matrix/shape)");
        }
        return s;
    }

    private static long[] longs(Path file, Dataset d) {
        Object data = d.getDataFlat();
        if (data instanceof long[] l) {
            return l;
        }
        if (data instanceof int[] a) {
            long[] l = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                l[i] = a[i];
            }
            return l;
        }
        if (data instanceof short[] a) {
            long[] l = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                l[i] = a[i];
            }
            return l;
        }
        throw new BundleException(file, where(d), "expected integers, found " + d.getJavaType().getSimpleName());
    }

    /** Feature indices, each checked to lie in [0, nFeatures). */
    private static int[] ints(Path file, Dataset d, int bound) {
        Object data = d.getDataFlat();
        int[] out;
        if (data instanceof int[] a) {
            out = a;
        } else if (data instanceof long[] l) {
            out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] < 0 || l[i] >= bound) {
                    throw outOfRange(file, d, i, l[i], bound);
                }
                out[i] = (int) l[i];
            }
            return out;
        } else if (data instanceof short[] s) {
            out = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i];
            }
        } else {
            throw new BundleException(file, where(d), "expected integers, found " + d.getJavaType().getSimpleName());
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0 || out[i] >= bound) {
                throw outOfRange(file, d, i, out[i], bound);
            }
        }
        return out;
    }

    private static BundleException outOfRange(Path file, Dataset d, int i, long v, int bound) {
        return new BundleException(file, where(d), "entry " + i + " = " + v + " is outside [0, " + bound + ") features");
    }

    /** Counts: non-negative integers, accepted from integer or integral floating-point datasets. */
    private static int[] counts(Path file, Dataset d) {
        Object data = d.getDataFlat();
        int[] out;
        if (data instanceof int[] a) {
            out = a;
        } else if (data instanceof long[] l) {
            out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] > Integer.MAX_VALUE) {
                    throw new BundleException(file, where(d), "entry " + i + " = " + l[i] + " is too large a count");
                }
                out[i] = (int) l[i];
            }
        } else if (data instanceof short[] s) {
            out = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i];
            }
        } else if (data instanceof float[] f) {
            out = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = integral(file, d, i, f[i]);
            }
        } else if (data instanceof double[] f) {
            out = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = integral(file, d, i, f[i]);
            }
        } else {
            throw new BundleException(file, where(d), "expected counts, found " + d.getJavaType().getSimpleName());
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                throw new BundleException(file, where(d), "entry " + i + " = " + out[i] + " is a negative count");
            }
        }
        return out;
    }

    private static int integral(Path file, Dataset d, int i, double v) {
        if (!(v == Math.rint(v)) || v > Integer.MAX_VALUE) {
            throw new BundleException(file, where(d), "entry " + i + " = " + v + " is not a whole count");
        }
        return (int) v;
    }
}
