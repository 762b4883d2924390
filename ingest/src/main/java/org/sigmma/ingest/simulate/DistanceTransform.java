package org.sigmma.ingest.simulate;

/**
 * Exact Euclidean distance transform of a raster (Felzenszwalb and Huttenlocher's lower envelope of
 * parabolas, one pass over columns and one over rows): for every cell, the distance to the nearest set cell.
 */
final class DistanceTransform {

    private static final double FAR = 1e20;

    private DistanceTransform() {
    }

    /** Distances in units of {@code cellSize}; cells are infinitely far (1e10) when nothing is set. */
    static float[] distance(boolean[] set, int cols, int rows, double cellSize) {
        double[] f = new double[cols * rows];
        for (int k = 0; k < f.length; k++) {
            f[k] = set[k] ? 0 : FAR;
        }
        double[] line = new double[Math.max(cols, rows)];
        double[] out = new double[Math.max(cols, rows)];
        int[] v = new int[Math.max(cols, rows)];
        double[] z = new double[Math.max(cols, rows) + 1];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < rows; j++) {
                line[j] = f[j * cols + i];
            }
            squared1d(line, rows, out, v, z);
            for (int j = 0; j < rows; j++) {
                f[j * cols + i] = out[j];
            }
        }
        for (int j = 0; j < rows; j++) {
            System.arraycopy(f, j * cols, line, 0, cols);
            squared1d(line, cols, out, v, z);
            System.arraycopy(out, 0, f, j * cols, cols);
        }
        float[] d = new float[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k] >= FAR / 2 ? 1e10f : (float) (Math.sqrt(f[k]) * cellSize);
        }
        return d;
    }

    /** Where the parabolas rooted at q and p cross (z[0] = -infinity stops the search at k = 0). */
    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }

    private static void squared1d(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int p = v[k];
            d[q] = (q - p) * (double) (q - p) + f[p];
        }
    }
}
