package org.sigmma.model.eval;

/**
 * Multi-output ridge regression with an unpenalised intercept, in closed form:
 * {@code W = (Xc'Xc + alpha I)^-1 Xc'Yc}, {@code b = mean(Y) - mean(X) W}, with Xc, Yc the centred data
 * (the objective {@code ||Y - XW - b||^2 + alpha ||W||^2}, scikit-learn's Ridge). Solved by Cholesky.
 *
 * @param alpha     the penalty it was fitted with
 * @param weights   p x g
 * @param intercept g
 */
public record Ridge(double alpha, double[][] weights, double[] intercept) {

    public static Ridge fit(double[][] x, double[][] y, double alpha) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("ridge needs paired rows: x has " + n + ", y has " + y.length);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
        }
        int p = x[0].length;
        int g = y[0].length;
        double[] mx = new double[p];
        double[] my = new double[g];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mx[j] += x[i][j];
            }
            for (int j = 0; j < g; j++) {
                my[j] += y[i][j];
            }
        }
        for (int j = 0; j < p; j++) {
            mx[j] /= n;
        }
        for (int j = 0; j < g; j++) {
            my[j] /= n;
        }
        double[][] a = new double[p][p];
        double[][] b = new double[p][g];
        double[] xc = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[j] = x[i][j] - mx[j];
            }
            for (int r = 0; r < p; r++) {
                double v = xc[r];
                for (int c = r; c < p; c++) {
                    a[r][c] += v * xc[c];
                }
                for (int c = 0; c < g; c++) {
                    b[r][c] += v * (y[i][c] - my[c]);
                }
            }
        }
        double trace = 0;
        for (int r = 0; r < p; r++) {
            for (int c = r + 1; c < p; c++) {
                a[c][r] = a[r][c];
            }
            trace += a[r][r];
        }
        // alpha = 0 with collinear columns would be singular: a ridge of 1e-10 of the mean variance keeps it solvable
        double jitter = alpha > 0 ? 0 : 1e-10 * Math.max(trace / Math.max(p, 1), 1e-300);
        for (int r = 0; r < p; r++) {
            a[r][r] += alpha + jitter;
        }
        double[][] w = Cholesky.solve(a, b);
        double[] intercept = my.clone();
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < g; c++) {
                intercept[c] -= mx[r] * w[r][c];
            }
        }
        return new Ridge(alpha, w, intercept);
    }

    public double[] predict(double[] row) {
        if (row.length != weights.length) {
            throw new IllegalArgumentException("input has " + row.length + " features, the ridge expects " + weights.length);
        }
        double[] out = intercept.clone();
        for (int r = 0; r < row.length; r++) {
            double v = row[r];
            for (int c = 0; c < out.length; c++) {
                out[c] += v * weights[r][c];
            }
        }
        return out;
    }

    public double[][] predict(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }

    /** Solves A X = B for a symmetric positive definite A. */
    static final class Cholesky {

        private Cholesky() {
        }

        static double[][] solve(double[][] a, double[][] b) {
            int p = a.length;
            double[][] l = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            throw new IllegalArgumentException("ridge system is not positive definite (pivot " + i
                                    + " = " + s + "): give alpha > 0");
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            int g = b.length == 0 ? 0 : b[0].length;
            double[][] x = new double[p][g];
            for (int c = 0; c < g; c++) {
                double[] z = new double[p];
                for (int i = 0; i < p; i++) {
                    double s = b[i][c];
                    for (int k = 0; k < i; k++) {
                        s -= l[i][k] * z[k];
                    }
                    z[i] = s / l[i][i];
                }
                for (int i = p - 1; i >= 0; i--) {
                    double s = z[i];
                    for (int k = i + 1; k < p; k++) {
                        s -= l[k][i] * x[k][c];
                    }
                    x[i][c] = s / l[i][i];
                }
            }
            return x;
        }
    }
}
