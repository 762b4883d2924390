package org.sigmma.math;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, algorithm 8.4.3):
 * exact to rounding, no library, deterministic. The platform's one eigen solver: ingest's PCA decomposes its
 * Rayleigh-Ritz matrix with it, the model's embedding PCA a covariance (a few hundred columns at most, for which the
 * O(d^3) sweeps take milliseconds). It lives in graph-store, the lowest module both depend on; it knows nothing of
 * the store.
 *
 * @param values  eigenvalues, decreasing (ties in the input's order)
 * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}, its sign as the rotations left it
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    /** The decomposition of {@code (m + m') / 2}; the input is left untouched. */
    public static SymmetricEigen of(double[][] m) {
        int d = m.length;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException("matrix row " + i + " has " + m[i].length + " entries, expected " + d);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = 0.5 * (m[i][j] + m[j][i]);
            }
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
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // the rotation that zeroes a[p][q]
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
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
        Arrays.sort(order, (x, y) -> {
            int cmp = Double.compare(a[y][y], a[x][x]);
            return cmp != 0 ? cmp : Integer.compare(x, y);
        });
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int k = 0; k < d; k++) {
            int j = order[k];
            values[k] = a[j][j];
            for (int i = 0; i < d; i++) {
                vectors[k][i] = v[i][j];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** The same decomposition with each vector's largest loading positive, so that the same data always gives the same signs. */
    public SymmetricEigen withLargestLoadingPositive() {
        double[][] out = new double[vectors.length][];
        for (int k = 0; k < vectors.length; k++) {
            double sign = 1;
            double largest = 0;
            for (double x : vectors[k]) {
                if (Math.abs(x) > largest) {
                    largest = Math.abs(x);
                    sign = Math.signum(x);
                }
            }
            out[k] = new double[vectors[k].length];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = sign * vectors[k][i];
            }
        }
        return new SymmetricEigen(values.clone(), out);
    }
}
