package org.sigmma.model.eval;

import java.util.Arrays;

/**
 * A method against an ablation, paired by seed: each seed's difference (method minus ablation, same section, same
 * training seed), their mean, the standard error of that mean, and in how many seeds the method is ahead. Pairing
 * removes the section-to-section spread that an unpaired mean ± std over seeds mixes in.
 *
 * @param differences  per seed, in seed order
 * @param mean         mean difference
 * @param standardError sample standard deviation of the differences over sqrt(n) (NaN for one seed)
 * @param wins         seeds with a difference above 0
 * @param ties         seeds with a difference of exactly 0
 */
public record PairedDifferences(double[] differences, double mean, double standardError, int wins, int ties) {

    /**
     * @param method   per seed, the method's value
     * @param ablation per seed, the ablation's value (same order)
     */
    public static PairedDifferences of(double[] method, double[] ablation) {
        if (method.length != ablation.length) {
            throw new IllegalArgumentException("paired differences need one value per seed on both sides, got "
                    + method.length + " and " + ablation.length);
        }
        if (method.length == 0) {
            throw new IllegalArgumentException("paired differences need at least one seed");
        }
        int n = method.length;
        double[] d = new double[n];
        int wins = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            d[i] = method[i] - ablation[i];
            if (d[i] > 0) {
                wins++;
            } else if (d[i] == 0) {
                ties++;
            }
        }
        double mean = Stats.mean(d);
        double se = Double.NaN;
        if (n > 1) {
            double ss = 0;
            for (double x : d) {
                ss += (x - mean) * (x - mean);
            }
            se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        }
        return new PairedDifferences(d, mean, se, wins, ties);
    }

    public int seeds() {
        return differences.length;
    }

    /** The mean difference in standard errors (NaN for one seed; infinite when every seed differs equally). */
    public double zScore() {
        return mean / standardError;
    }

    /** "+0.031 ± 0.012 (4/5 seeds)": mean ± standard error, wins over seeds. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%+.3f ± %.3f (%d/%d)", mean, standardError, wins, seeds());
    }

    @Override
    public String toString() {
        return summary() + " " + Arrays.toString(differences);
    }
}
