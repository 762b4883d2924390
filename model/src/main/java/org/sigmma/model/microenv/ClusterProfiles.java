package org.sigmma.model.microenv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What characterises each cluster of a clustering: its size, its cell-type composition and its top marker genes
 * ({@link MarkerGenes}). A plain algorithm over arrays; {@link MicroenvironmentAnalysis} adapts it to the store.
 */
public final class ClusterProfiles {

    private ClusterProfiles() {
    }

    /**
     * @param expression log-normalised expression, {@code [gene][cell]}
     * @param genes gene names, one per row of {@code expression}
     * @param cluster each cell's cluster in {@code 0..k-1}, or -1 for a cell without one
     * @param types each cell's type label, or null entries (or a null array) where there is none
     * @param k clusters
     * @param markers marker genes kept per cluster
     */
    public static List<Microenvironment> profile(float[][] expression, String[] genes, int[] cluster, String[] types,
            int k, int markers) {
        if (expression.length != genes.length) {
            throw new IllegalArgumentException(expression.length + " expression rows for " + genes.length + " genes");
        }
        int[] size = new int[k];
        List<Map<String, Integer>> composition = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            composition.add(new TreeMap<>());
        }
        for (int i = 0; i < cluster.length; i++) {
            int cl = cluster[i];
            if (cl < 0) {
                continue;
            }
            if (cl >= k) {
                throw new IllegalArgumentException("cell " + i + " is in cluster " + cl + ", not below k = " + k);
            }
            size[cl]++;
            if (types != null && types[i] != null) {
                composition.get(cl).merge(types[i], 1, Integer::sum);
            }
        }
        List<List<MarkerGenes.Marker>> ranked = MarkerGenes.rankGenes(expression, cluster, k);
        List<Microenvironment> result = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Microenvironment.MarkerGene> top = new ArrayList<>();
            for (MarkerGenes.Marker m : ranked.get(c).subList(0, Math.min(markers, ranked.get(c).size()))) {
                top.add(new Microenvironment.MarkerGene(genes[m.gene()], m.log2FoldChange(), m.z(), m.adjustedP(),
                        m.meanIn(), m.meanOut()));
            }
            result.add(new Microenvironment(c, size[c], composition.get(c), top));
        }
        return result;
    }
}
