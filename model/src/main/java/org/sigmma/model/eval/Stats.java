package org.sigmma.model.eval;

/** Means, standard deviations and Pearson correlations over plain arrays, in double precision. */
public final class Stats {

    private Stats() {
    }

    /** A mean and its standard deviation (population, ddof 0, as numpy's default that HEST reports) over n values. */
    public record MeanStd(double mean, double std, int n) {

        public static MeanStd of(double[] values) {
            int n = 0;
            double sum = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                return new MeanStd(Double.NaN, Double.NaN, 0);
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            return new MeanStd(mean, Math.sqrt(ss / n), n);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", mean, std);
        }
    }

    public static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /**
     * Pearson correlation; NaN when either side is constant (an undefined correlation is left out of means
     * rather than counted as 0, and the number of values behind a mean says how many were left).
     */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pearson: lengths differ (" + a.length + " and " + b.length + ")");
        }
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        // relative floor: float inputs leave ~1e-7 noise in a "constant" column
        if (saa <= 1e-24 * n || sbb <= 1e-24 * n) {
            return Double.NaN;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Mean squared difference. */
    public static double mse(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("mse: lengths differ (" + a.length + " and " + b.length + ")");
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    }

    /** Column j of a row-major matrix. */
    public static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }
}
