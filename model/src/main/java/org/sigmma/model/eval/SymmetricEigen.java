package org.sigmma.model.eval;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: exact to rounding, no
 * library, deterministic. Matrices here are covariances of embeddings (a few hundred columns at most),
 * for which the O(d^3) sweeps take milliseconds.
 *
 * @param values  eigenvalues, decreasing
 * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    public static SymmetricEigen of(double[][] matrix) {
        int d = matrix.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            if (matrix[i].length != d) {
                throw new IllegalArgumentException("matrix row " + i + " has " + matrix[i].length + " entries, expected " + d);
            }
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p][p] * a[p][p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // the rotation that zeroes a[p][q] (Golub and Van Loan, algorithm 8.4.1)
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int k = 0; k < d; k++) {
            int j = order[k];
            values[k] = a[j][j];
            double sign = 1;
            double largest = 0;
            for (int i = 0; i < d; i++) {
                if (Math.abs(v[i][j]) > largest) {
                    largest = Math.abs(v[i][j]);
                    sign = Math.signum(v[i][j]);
                }
            }
            // sign fixed (largest loading positive) so that the same data always gives the same components
            for (int i = 0; i < d; i++) {
                vectors[k][i] = sign * v[i][j];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
