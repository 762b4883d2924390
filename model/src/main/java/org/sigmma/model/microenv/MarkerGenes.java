package org.sigmma.model.microenv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Marker genes of clusters: one-vs-rest Wilcoxon rank-sum test (Mann-Whitney U, normal approximation with tie
 * correction, two-sided, as scanpy's rank_genes_groups 'wilcoxon') on log1p expression, the log2 fold change of
 * mean expression, and Benjamini-Hochberg adjusted p-values over the genes of each cluster. Plain arrays in, records out.
 */
public final class MarkerGenes {

    private MarkerGenes() {
    }

    /** One gene's test for one cluster. */
    public record Marker(int gene, double meanIn, double meanOut, double log2FoldChange, double z, double pValue,
                         double adjustedP) {
    }

    /**
     * @param expression per gene, the values of every cell ({@code expression[g][cell]}, log1p scale)
     * @param cluster    per cell, its cluster in 0..k-1 (negative: not clustered, left out)
     * @return per cluster, all genes ordered by z (up-regulated first)
     */
    public static List<List<Marker>> rankGenes(float[][] expression, int[] cluster, int k) {
        int nGenes = expression.length;
        int n = cluster.length;
        int[] size = new int[k];
        int used = 0;
        for (int c : cluster) {
            if (c >= 0) {
                size[c]++;
                used++;
            }
        }
        int[] cells = new int[used];
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (cluster[i] >= 0) {
                cells[u++] = i;
            }
        }
        double[][] z = new double[k][nGenes];
        double[][] p = new double[k][nGenes];
        double[][] meanIn = new double[k][nGenes];
        double[][] meanOut = new double[k][nGenes];
        Integer[] order = new Integer[used];
        double[] ranks = new double[used];
        for (int g = 0; g < nGenes; g++) {
            float[] v = expression[g];
            for (int i = 0; i < used; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> v[cells[i]]));
            // average ranks of ties, and the tie term sum(t^3 - t)
            double tieTerm = 0;
            for (int a = 0; a < used; ) {
                int b = a;
                while (b + 1 < used && v[cells[order[b + 1]]] == v[cells[order[a]]]) {
                    b++;
                }
                double avg = (a + b) / 2.0 + 1;
                for (int q = a; q <= b; q++) {
                    ranks[order[q]] = avg;
                }
                double t = b - a + 1;
                tieTerm += t * t * t - t;
                a = b + 1;
            }
            double[] rankSum = new double[k];
            double[] sum = new double[k];
            double total = 0;
            for (int i = 0; i < used; i++) {
                int c = cluster[cells[i]];
                rankSum[c] += ranks[i];
                sum[c] += v[cells[i]];
                total += v[cells[i]];
            }
            for (int c = 0; c < k; c++) {
                double n1 = size[c];
                double n2 = used - n1;
                meanIn[c][g] = n1 == 0 ? 0 : sum[c] / n1;
                meanOut[c][g] = n2 == 0 ? 0 : (total - sum[c]) / n2;
                if (n1 == 0 || n2 == 0) {
                    z[c][g] = 0;
                    p[c][g] = 1;
                    continue;
                }
                double expected = n1 * (used + 1) / 2.0;
                double variance = n1 * n2 / 12.0 * ((used + 1) - tieTerm / ((double) used * (used - 1)));
                z[c][g] = variance <= 0 ? 0 : (rankSum[c] - expected) / Math.sqrt(variance);
                p[c][g] = 2 * upperNormalTail(Math.abs(z[c][g]));
            }
        }
        List<List<Marker>> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            double[] adj = benjaminiHochberg(p[c]);
            List<Marker> list = new ArrayList<>(nGenes);
            for (int g = 0; g < nGenes; g++) {
                // fold change on the expm1 scale, as scanpy does for log1p data
                double fc = Math.log((Math.expm1(meanIn[c][g]) + 1e-9) / (Math.expm1(meanOut[c][g]) + 1e-9)) / Math.log(2);
                list.add(new Marker(g, meanIn[c][g], meanOut[c][g], fc, z[c][g], p[c][g], adj[g]));
            }
            list.sort(Comparator.comparingDouble((Marker m) -> -m.z()).thenComparingInt(Marker::gene));
            out.add(list);
        }
        return out;
    }

    /** Benjamini-Hochberg step-up adjusted p-values (monotone, capped at 1). */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        double[] adj = new double[m];
        double running = 1.0;
        for (int r = m - 1; r >= 0; r--) {
            int i = idx[r];
            running = Math.min(running, p[i] * m / (r + 1));
            adj[i] = Math.min(1.0, running);
        }
        return adj;
    }

    /** P(Z > z) for a standard normal, from the complementary error function (|error| < 1.2e-7). */
    static double upperNormalTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Numerical Recipes' erfc with Chebyshev fitting, fractional error below 1.2e-7. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
