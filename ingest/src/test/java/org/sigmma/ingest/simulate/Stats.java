package org.sigmma.ingest.simulate;

import java.util.Arrays;
import org.sigmma.ingest.expression.SparseCounts;

/** Small, plain statistics used to check the planted signals: no library, so each can be read and trusted. */
final class Stats {

    private Stats() {
    }

    /** log1p(counts per 10k) of one cell's genes, dense. */
    static double[] logNormalised(SparseCounts m, int c) {
        double[] out = new double[m.nGenes()];
        double lib = Math.max(1, m.librarySize(c));
        for (int k = m.indptr()[c]; k < m.indptr()[c + 1]; k++) {
            out[m.indices()[k]] = Math.log1p(m.values()[k] * 1e4 / lib);
        }
        return out;
    }

    /** Mean log1p(CP10k) of a set of genes in one cell. */
    static double programmeScore(SparseCounts m, int c, int[] genes) {
        double lib = Math.max(1, m.librarySize(c));
        double s = 0;
        for (int g : genes) {
            int k = Arrays.binarySearch(m.indices(), m.indptr()[c], m.indptr()[c + 1], g);
            if (k >= 0) {
                s += Math.log1p(m.values()[k] * 1e4 / lib);
            }
        }
        return s / genes.length;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double pearson(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Share of the variance of {@code y} explained by group means (R^2 of a one-hot regression). */
    static double groupR2(double[] y, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] n = new int[groups];
        for (int i = 0; i < y.length; i++) {
            sum[group[i]] += y[i];
            n[group[i]]++;
        }
        double m = mean(y);
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < y.length; i++) {
            double fit = sum[group[i]] / n[group[i]];
            ssTot += (y[i] - m) * (y[i] - m);
            ssRes += (y[i] - fit) * (y[i] - fit);
        }
        return 1 - ssRes / ssTot;
    }

    /** {@code y} minus its group mean. */
    static double[] withinGroup(double[] y, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] n = new int[groups];
        for (int i = 0; i < y.length; i++) {
            sum[group[i]] += y[i];
            n[group[i]]++;
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - sum[group[i]] / n[group[i]];
        }
        return out;
    }

    /**
     * Leave-one-out R^2 of ordinary least squares (with an intercept and a small ridge for stability): the
     * share of the variance of {@code y} that the predictors explain for rows they were not fitted on.
     */
    static double looR2(double[][] x, double[] y) {
        int n = y.length;
        double[] pred = new double[n];
        for (int leave = 0; leave < n; leave++) {
            double[] beta = ridge(x, y, leave, 1e-6);
            pred[leave] = predict(beta, x[leave]);
        }
        double m = mean(y);
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            ssTot += (y[i] - m) * (y[i] - m);
            ssRes += (y[i] - pred[i]) * (y[i] - pred[i]);
        }
        return 1 - ssRes / ssTot;
    }

    static double predict(double[] beta, double[] row) {
        double s = beta[0];
        for (int j = 0; j < row.length; j++) {
            s += beta[j + 1] * row[j];
        }
        return s;
    }

    /** Ridge regression by the normal equations (Gaussian elimination), skipping row {@code leave} (-1: none). */
    static double[] ridge(double[][] x, double[] y, int leave, double lambda) {
        int p = x[0].length + 1;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < y.length; i++) {
            if (i == leave) {
                continue;
            }
            double[] r = new double[p];
            r[0] = 1;
            System.arraycopy(x[i], 0, r, 1, p - 1);
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    a[j][k] += r[j] * r[k];
                }
                a[j][p] += r[j] * y[i];
            }
        }
        for (int j = 1; j < p; j++) {
            a[j][j] += lambda * (1 + a[j][j]);
        }
        for (int col = 0; col < p; col++) {
            int piv = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            for (int r = 0; r < p; r++) {
                if (r != col && a[col][col] != 0) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= p; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = a[j][j] == 0 ? 0 : a[j][p] / a[j][j];
        }
        return beta;
    }

    /** Area under the ROC curve of {@code score} for {@code positive} (ties count half). */
    static double auc(double[] score, boolean[] positive) {
        long pos = 0;
        long neg = 0;
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (positive[i]) {
                pos++;
            } else {
                neg++;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Columns standardised to mean 0 and sd 1 (by the statistics of the rows in {@code fitRows}). */
    static double[][] standardise(double[][] x, boolean[] fitRows) {
        int p = x[0].length;
        double[] mu = new double[p];
        double[] sd = new double[p];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (fitRows[i]) {
                n++;
                for (int j = 0; j < p; j++) {
                    mu[j] += x[i][j];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            mu[j] /= n;
        }
        for (int i = 0; i < x.length; i++) {
            if (fitRows[i]) {
                for (int j = 0; j < p; j++) {
                    sd[j] += (x[i][j] - mu[j]) * (x[i][j] - mu[j]);
                }
            }
        }
        double[][] out = new double[x.length][p];
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            for (int i = 0; i < x.length; i++) {
                out[i][j] = sd[j] > 1e-12 ? (x[i][j] - mu[j]) / sd[j] : 0;
            }
        }
        return out;
    }

    /**
     * Nearest-centroid classification: centroids from the rows with {@code train} set, predictions for every
     * row; returns the balanced accuracy (mean recall over classes) on the rows without {@code train}.
     */
    static double nearestCentroidBalancedAccuracy(double[][] x, int[] label, int classes, boolean[] train) {
        int p = x[0].length;
        double[][] centroid = new double[classes][p];
        int[] n = new int[classes];
        for (int i = 0; i < x.length; i++) {
            if (train[i]) {
                n[label[i]]++;
                for (int j = 0; j < p; j++) {
                    centroid[label[i]][j] += x[i][j];
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < p; j++) {
                centroid[c][j] /= Math.max(1, n[c]);
            }
        }
        int[] hit = new int[classes];
        int[] total = new int[classes];
        for (int i = 0; i < x.length; i++) {
            if (train[i] || n[label[i]] == 0) {
                continue;
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (n[c] == 0) {
                    continue;
                }
                double d = 0;
                for (int j = 0; j < p; j++) {
                    double t = x[i][j] - centroid[c][j];
                    d += t * t;
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            total[label[i]]++;
            if (best == label[i]) {
                hit[label[i]]++;
            }
        }
        double acc = 0;
        int seen = 0;
        for (int c = 0; c < classes; c++) {
            if (total[c] > 0) {
                acc += (double) hit[c] / total[c];
                seen++;
            }
        }
        return acc / seen;
    }

    /** Leave-one-out nearest-centroid accuracy (plain, not balanced), for small sets such as tiles. */
    static double looNearestCentroidAccuracy(double[][] x, int[] label, int classes) {
        int hits = 0;
        int p = x[0].length;
        for (int leave = 0; leave < x.length; leave++) {
            double[][] centroid = new double[classes][p];
            int[] n = new int[classes];
            for (int i = 0; i < x.length; i++) {
                if (i == leave) {
                    continue;
                }
                n[label[i]]++;
                for (int j = 0; j < p; j++) {
                    centroid[label[i]][j] += x[i][j];
                }
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (n[c] == 0) {
                    continue;
                }
                double d = 0;
                for (int j = 0; j < p; j++) {
                    double t = x[leave][j] - centroid[c][j] / n[c];
                    d += t * t;
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (best == label[leave]) {
                hits++;
            }
        }
        return (double) hits / x.length;
    }

    /**
     * Leave-one-out linear discriminant analysis: class means and the pooled within-class covariance from the
     * other rows, each row assigned to the class at the smallest Mahalanobis distance. Plain accuracy.
     */
    static double looLdaAccuracy(double[][] x, int[] label, int classes) {
        int p = x[0].length;
        int hits = 0;
        for (int leave = 0; leave < x.length; leave++) {
            double[][] mean = new double[classes][p];
            int[] n = new int[classes];
            for (int i = 0; i < x.length; i++) {
                if (i != leave) {
                    n[label[i]]++;
                    for (int j = 0; j < p; j++) {
                        mean[label[i]][j] += x[i][j];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < p; j++) {
                    mean[c][j] /= Math.max(1, n[c]);
                }
            }
            double[][] cov = new double[p][p + p];
            int dof = 0;
            for (int i = 0; i < x.length; i++) {
                if (i == leave) {
                    continue;
                }
                dof++;
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        cov[a][b] += (x[i][a] - mean[label[i]][a]) * (x[i][b] - mean[label[i]][b]);
                    }
                }
            }
            // invert (covariance + a small ridge) by Gauss-Jordan on [A | I]
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    cov[a][b] /= Math.max(1, dof - classes);
                }
                cov[a][a] += 1e-6 * (1 + cov[a][a]);
                cov[a][p + a] = 1;
            }
            for (int col = 0; col < p; col++) {
                int piv = col;
                for (int r = col + 1; r < p; r++) {
                    if (Math.abs(cov[r][col]) > Math.abs(cov[piv][col])) {
                        piv = r;
                    }
                }
                double[] t = cov[col];
                cov[col] = cov[piv];
                cov[piv] = t;
                double d = cov[col][col];
                for (int k = 0; k < 2 * p; k++) {
                    cov[col][k] /= d;
                }
                for (int r = 0; r < p; r++) {
                    if (r != col) {
                        double f = cov[r][col];
                        for (int k = 0; k < 2 * p; k++) {
                            cov[r][k] -= f * cov[col][k];
                        }
                    }
                }
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (n[c] == 0) {
                    continue;
                }
                double dist = 0;
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        dist += (x[leave][a] - mean[c][a]) * cov[a][p + b] * (x[leave][b] - mean[c][b]);
                    }
                }
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            if (best == label[leave]) {
                hits++;
            }
        }
        return (double) hits / x.length;
    }
}
