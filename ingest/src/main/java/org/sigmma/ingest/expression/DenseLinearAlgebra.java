package org.sigmma.ingest.expression;

/**
 * The small dense steps of the randomized PCA, on row-major double arrays: a thin Householder QR
 * (orthonormal even when the columns are dependent) and a cyclic Jacobi eigen-decomposition.
 */
final class DenseLinearAlgebra {

    private DenseLinearAlgebra() {
    }

    /**
     * The thin Q of a (rows x cols, rows >= cols) matrix, row-major; the input is left untouched.
     */
    static double[] thinQ(double[] a, int rows, int cols) {
        if (rows < cols) {
            throw new IllegalArgumentException("thin QR needs rows >= cols, got " + rows + " x " + cols);
        }
        double[] r = a.clone();
        double[][] householder = new double[cols][];
        for (int j = 0; j < cols; j++) {
            // reflector that zeroes column j below the diagonal
            double norm = 0;
            for (int i = j; i < rows; i++) {
                norm += r[i * cols + j] * r[i * cols + j];
            }
            norm = Math.sqrt(norm);
            double[] v = new double[rows - j];
            if (norm == 0) {
                householder[j] = v; // zero column: identity reflector
                continue;
            }
            double alpha = r[j * cols + j] > 0 ? -norm : norm;
            for (int i = j; i < rows; i++) {
                v[i - j] = r[i * cols + j];
            }
            v[0] -= alpha;
            double vNorm = 0;
            for (double e : v) {
                vNorm += e * e;
            }
            vNorm = Math.sqrt(vNorm);
            if (vNorm == 0) {
                householder[j] = new double[rows - j];
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= vNorm;
            }
            householder[j] = v;
            for (int c = j; c < cols; c++) {
                double dot = 0;
                for (int i = j; i < rows; i++) {
                    dot += v[i - j] * r[i * cols + c];
                }
                for (int i = j; i < rows; i++) {
                    r[i * cols + c] -= 2 * dot * v[i - j];
                }
            }
        }
        // Q = H_0 H_1 ... H_{cols-1} applied to the first cols columns of the identity
        double[] q = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            q[j * cols + j] = 1;
        }
        for (int j = cols - 1; j >= 0; j--) {
            double[] v = householder[j];
            for (int c = 0; c < cols; c++) {
                double dot = 0;
                for (int i = j; i < rows; i++) {
                    dot += v[i - j] * q[i * cols + c];
                }
                if (dot == 0) {
                    continue;
                }
                for (int i = j; i < rows; i++) {
                    q[i * cols + c] -= 2 * dot * v[i - j];
                }
            }
        }
        return q;
    }
}
