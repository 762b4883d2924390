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

    /** Eigenvalues in decreasing order and the matching unit eigenvectors as columns of a row-major n x n array. */
    record Eigen(double[] values, double[] vectors) {
    }

    /** Cyclic Jacobi on a symmetric n x n row-major matrix (symmetrised first); the input is left untouched. */
    static Eigen symmetricEigen(double[] sym, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (sym[i * n + j] + sym[j * n + i]);
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i * n + j] * a[i * n + j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = a[i * n + i];
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int cmp = Double.compare(diagonal[y], diagonal[x]);
            return cmp != 0 ? cmp : Integer.compare(x, y);
        });
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int col = 0; col < n; col++) {
            values[col] = diagonal[order[col]];
            for (int k = 0; k < n; k++) {
                vectors[k * n + col] = v[k * n + order[col]];
            }
        }
        return new Eigen(values, vectors);
    }
}
